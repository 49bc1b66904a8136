package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Cumulative queue-fairness counters (SPEC §3.5): JSON {@code {cooldown_events, ghost_step_events, rotation_events}},
 * each a count {@code >= 0}. Immutable and thread-safe; the empty value is {@link #ZERO}.
 */
public record QueueMetrics(
        @JsonProperty("cooldown_events") long cooldownEvents,
        @JsonProperty("ghost_step_events") long ghostStepEvents,
        @JsonProperty("rotation_events") long rotationEvents) {

    /** All counters zero; the value before anything is recorded. */
    public static final QueueMetrics ZERO = new QueueMetrics(0, 0, 0);

    public QueueMetrics {
        requireNonNegative(cooldownEvents, "cooldownEvents");
        requireNonNegative(ghostStepEvents, "ghostStepEvents");
        requireNonNegative(rotationEvents, "rotationEvents");
    }

    /**
     * The fairness delta of SPEC §6.1 step 3: per counter {@code max(0, this - previous)}; a {@code null} previous
     * counts as {@link #ZERO}.
     */
    public QueueMetrics deltaSince(QueueMetrics previous) {
        QueueMetrics base = previous == null ? ZERO : previous;
        return new QueueMetrics(
                Math.max(0, cooldownEvents - base.cooldownEvents),
                Math.max(0, ghostStepEvents - base.ghostStepEvents),
                Math.max(0, rotationEvents - base.rotationEvents));
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
