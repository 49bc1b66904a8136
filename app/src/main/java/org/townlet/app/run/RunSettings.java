package org.townlet.app.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one {@code townlet run} does, from its flags (the configuration file comes with the application issue).
 *
 * @param file the file transport's path; {@code null} unless given
 */
public record RunSettings(long ticks, long seed, int agents, String transport, Path file, String backpressure,
                          int keyframeInterval, boolean quiet) {
    public static final long DEFAULT_TICKS = 1000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_AGENTS = 8;
    public static final String DEFAULT_TRANSPORT = "stdout";
    public static final String DEFAULT_BACKPRESSURE = "drop_oldest";
    public static final int DEFAULT_KEYFRAME_INTERVAL = 100;

    public RunSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(backpressure, "backpressure");
    }
}
