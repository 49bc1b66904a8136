package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The affordance runtime read model (SPEC §3.5, §6.4): JSON {@code {tick, running_count, running, active_reservations,
 * event_counts}}, with {@code running} as object → {@link RunningAffordance} and {@code active_reservations} as
 * object → JSON map. Immutable and thread-safe; {@code null} parts become empty, the empty value is {@link #EMPTY}
 * (tick 0).
 */
public record AffordanceRuntime(
        @JsonProperty("tick") long tick,
        @JsonProperty("running_count") long runningCount,
        @JsonProperty("running") Map<String, RunningAffordance> running,
        @JsonProperty("active_reservations") Map<String, Map<String, Object>> activeReservations,
        @JsonProperty("event_counts") AffordanceEventCounts eventCounts) {

    /** Tick 0, nothing running, zero counts. */
    public static final AffordanceRuntime EMPTY = new AffordanceRuntime(0, 0, null, null, null);

    public AffordanceRuntime {
        if (runningCount < 0) {
            throw new IllegalArgumentException("runningCount must be >= 0, was " + runningCount);
        }
        running = JsonMaps.copyOf(running);
        activeReservations = JsonMaps.copyOfNested(activeReservations);
        eventCounts = eventCounts == null ? AffordanceEventCounts.ZERO : eventCounts;
    }

    /** The runtime of one tick, with {@code running_count} taken from the size of {@code running}. */
    public static AffordanceRuntime of(long tick, Map<String, RunningAffordance> running,
            Map<String, Map<String, Object>> activeReservations, AffordanceEventCounts eventCounts) {
        return new AffordanceRuntime(tick, running == null ? 0 : running.size(), running, activeReservations,
                eventCounts);
    }
}
