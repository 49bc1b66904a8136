package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.townlet.telemetry.api.status.HealthSummary;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * Payload of {@code loop.health}, the last event of every successful tick (SPEC §4.2): JSON {@code {status,
 * duration_ms, failure_count, transport, summary}}. {@code status} defaults to {@value #STATUS_OK}, {@code summary} to
 * {@link HealthSummary#EMPTY}; {@code transport} is required. Immutable and thread-safe.
 */
public record LoopHealth(
        @JsonProperty("status") String status,
        @JsonProperty("duration_ms") double durationMs,
        @JsonProperty("failure_count") long failureCount,
        @JsonProperty("transport") TransportStatus transport,
        @JsonProperty("summary") HealthSummary summary) implements EventPayload {

    /** The status of a successful tick. */
    public static final String STATUS_OK = "ok";

    public LoopHealth {
        status = status == null ? STATUS_OK : status;
        if (failureCount < 0) {
            throw new IllegalArgumentException("failureCount must be >= 0, was " + failureCount);
        }
        Objects.requireNonNull(transport, "transport");
        summary = summary == null ? HealthSummary.EMPTY : summary;
    }

    /** A successful tick's health. */
    public static LoopHealth ok(double durationMs, long failureCount, TransportStatus transport,
            HealthSummary summary) {
        return new LoopHealth(STATUS_OK, durationMs, failureCount, transport, summary);
    }
}
