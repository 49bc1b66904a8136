package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The conflict read model (SPEC §3.5, §6.1 step 5): JSON {@code {queues, queue_history, rivalry, rivalry_events}},
 * with {@code rivalry} as owner → other → rivalry and both histories holding the last 20 entries. Immutable and
 * thread-safe; {@code null} parts become empty, the empty value is {@link #EMPTY}.
 */
public record ConflictSnapshot(
        @JsonProperty("queues") QueueMetrics queues,
        @JsonProperty("queue_history") List<QueueHistoryEntry> queueHistory,
        @JsonProperty("rivalry") Map<String, Map<String, Double>> rivalry,
        @JsonProperty("rivalry_events") List<RivalryEvent> rivalryEvents) {

    /** Zero queues, no history, no rivalry. */
    public static final ConflictSnapshot EMPTY = new ConflictSnapshot(null, null, null, null);

    public ConflictSnapshot {
        queues = queues == null ? QueueMetrics.ZERO : queues;
        queueHistory = queueHistory == null ? List.of() : List.copyOf(queueHistory);
        rivalry = JsonMaps.copyOfNested(rivalry);
        rivalryEvents = rivalryEvents == null ? List.of() : List.copyOf(rivalryEvents);
    }
}
