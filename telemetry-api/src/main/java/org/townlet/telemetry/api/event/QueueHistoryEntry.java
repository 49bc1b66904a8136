package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One tick of queue-fairness history (SPEC §3.5, §6.1): JSON {@code {tick, delta, totals}}, where {@code delta} is the
 * per-counter increase since the previous tick and {@code totals} the cumulative counters. Immutable and thread-safe;
 * {@code null} counters become {@link QueueMetrics#ZERO}.
 */
public record QueueHistoryEntry(
        @JsonProperty("tick") long tick,
        @JsonProperty("delta") QueueMetrics delta,
        @JsonProperty("totals") QueueMetrics totals) {

    public QueueHistoryEntry {
        delta = delta == null ? QueueMetrics.ZERO : delta;
        totals = totals == null ? QueueMetrics.ZERO : totals;
    }
}
