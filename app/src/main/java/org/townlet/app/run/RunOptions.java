package org.townlet.app.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The options of one {@code townlet run} that are not configuration keys (SPEC §19).
 *
 * @param runId       names the run ({@code --run-id}; a random UUID by default); never written into frames
 * @param tickRate    ticks per second ({@code --tick-rate}); 0 = unpaced
 * @param quiet       no progress line and no closing summary on a normal end ({@code --quiet})
 * @param summaryJson where the summary is written as JSON, or {@code null} ({@code --summary-json})
 */
public record RunOptions(String runId, double tickRate, boolean quiet, Path summaryJson) {
    /** The largest {@code --tick-rate}. */
    public static final double MAX_TICK_RATE = 1_000_000;

    public RunOptions {
        Objects.requireNonNull(runId, "runId");
        if (!(tickRate >= 0 && tickRate <= MAX_TICK_RATE)) {
            throw new IllegalArgumentException("--tick-rate: must be 0–1000000 ticks per second (0 = unpaced); got "
                    + tickRate);
        }
    }
}
