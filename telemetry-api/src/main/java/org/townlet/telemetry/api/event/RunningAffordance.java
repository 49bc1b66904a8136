package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * An affordance in progress on an object (SPEC §3.5): JSON {@code {agent_id, affordance_id, started_tick,
 * remaining_ticks}}. Immutable and thread-safe.
 */
public record RunningAffordance(
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("affordance_id") String affordanceId,
        @JsonProperty("started_tick") long startedTick,
        @JsonProperty("remaining_ticks") long remainingTicks) {

    public RunningAffordance {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(affordanceId, "affordanceId");
    }
}
