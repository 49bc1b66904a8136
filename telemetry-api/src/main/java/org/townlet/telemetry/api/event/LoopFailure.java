package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.townlet.telemetry.api.status.HealthSummary;

/**
 * Payload of {@code loop.failure}, emitted when a tick's step throws (SPEC §4.2): JSON {@code {duration_ms,
 * failure_count, error, snapshot_path, summary}}. {@code failure_count} is already incremented, {@code error} reads
 * {@code "<SimpleClassName>: <message>"}, {@code snapshot_path} may be {@code null}, {@code summary} defaults to
 * {@link HealthSummary#EMPTY}. Immutable and thread-safe.
 */
public record LoopFailure(
        @JsonProperty("duration_ms") double durationMs,
        @JsonProperty("failure_count") long failureCount,
        @JsonProperty("error") String error,
        @JsonProperty("snapshot_path") String snapshotPath,
        @JsonProperty("summary") HealthSummary summary) implements EventPayload {

    public LoopFailure {
        if (failureCount < 0) {
            throw new IllegalArgumentException("failureCount must be >= 0, was " + failureCount);
        }
        Objects.requireNonNull(error, "error");
        summary = summary == null ? HealthSummary.EMPTY : summary;
    }

    /** The {@code error} text of SPEC §4.2 for {@code failure}: {@code "<SimpleClassName>: <message>"}. */
    public static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
