package org.townlet.telemetry.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The latest health of the loop (SPEC §3.5, §6.6): JSON {@code {tick, status, duration_ms, failure_count, error,
 * snapshot_path, summary, metrics: name → {value, tags}}}. {@code status} is {@value #STATUS_OK},
 * {@value #STATUS_ERROR} or {@value #STATUS_UNKNOWN} ({@code null} means unknown); {@code error} and
 * {@code snapshot_path} may be {@code null} and are written as {@code null}; {@code null} summary and metrics become
 * {@link HealthSummary#EMPTY} and {@code {}}. Immutable and thread-safe; the empty value is {@link #EMPTY} (tick 0,
 * status {@value #STATUS_UNKNOWN}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HealthStatus(
        @JsonProperty("tick") long tick,
        @JsonProperty("status") String status,
        @JsonProperty("duration_ms") double durationMs,
        @JsonProperty("failure_count") long failureCount,
        @JsonProperty("error") String error,
        @JsonProperty("snapshot_path") String snapshotPath,
        @JsonProperty("summary") HealthSummary summary,
        @JsonProperty("metrics") Map<String, MetricValue> metrics) {

    /** Status of a tick that completed. */
    public static final String STATUS_OK = "ok";
    /** Status after a {@code loop.failure}. */
    public static final String STATUS_ERROR = "error";
    /** Status before any health was recorded. */
    public static final String STATUS_UNKNOWN = "unknown";

    /** Tick 0, status {@value #STATUS_UNKNOWN}, zero counts, empty summary and metrics. */
    public static final HealthStatus EMPTY = new HealthStatus(0, STATUS_UNKNOWN, 0.0, 0, null, null, null, null);

    /**
     * @throws IllegalArgumentException if {@code tick} or {@code failureCount} is negative, or {@code status} is not
     *     one of the three values
     */
    public HealthStatus {
        if (tick < 0) {
            throw new IllegalArgumentException("tick must be >= 0, was " + tick);
        }
        status = status == null ? STATUS_UNKNOWN : status;
        if (!STATUS_OK.equals(status) && !STATUS_ERROR.equals(status) && !STATUS_UNKNOWN.equals(status)) {
            throw new IllegalArgumentException("status must be one of ok, error, unknown, was " + status);
        }
        if (failureCount < 0) {
            throw new IllegalArgumentException("failureCount must be >= 0, was " + failureCount);
        }
        summary = summary == null ? HealthSummary.EMPTY : summary;
        metrics = JsonMaps.copyOf(metrics);
    }

    /** This status with another metrics registry. */
    public HealthStatus withMetrics(Map<String, MetricValue> newMetrics) {
        return new HealthStatus(tick, status, durationMs, failureCount, error, snapshotPath, summary, newMetrics);
    }
}
