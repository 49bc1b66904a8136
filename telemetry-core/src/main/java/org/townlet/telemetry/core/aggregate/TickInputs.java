package org.townlet.telemetry.core.aggregate;

import java.util.Map;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.QueueMetrics;

/**
 * What a pending {@link Derivation} needs of its tick, captured by reference on the simulation thread.
 *
 * @param tick                  the tick
 * @param payload               the {@code loop.tick} payload (immutable)
 * @param previousQueueMetrics  the queue counters before this tick, for the fairness deltas (SPEC §6.1 step 3)
 * @param previousRelationshipMetrics the churn metrics of the previous tick
 * @param relationshipMetrics   the churn metrics in force for this tick (the world's, else kept; §6.1 step 6)
 */
record TickInputs(long tick, LoopTick payload, QueueMetrics previousQueueMetrics,
        Map<String, Object> previousRelationshipMetrics, Map<String, Object> relationshipMetrics) {
}
