package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A rivalry incident between two agents (SPEC §3.5): JSON {@code {tick, agent_a, agent_b, intensity, reason}}.
 * A {@code null} or blank reason becomes {@value #UNKNOWN_REASON}. Immutable and thread-safe.
 */
public record RivalryEvent(
        @JsonProperty("tick") long tick,
        @JsonProperty("agent_a") String agentA,
        @JsonProperty("agent_b") String agentB,
        @JsonProperty("intensity") double intensity,
        @JsonProperty("reason") String reason) {

    /** The reason recorded when none is given. */
    public static final String UNKNOWN_REASON = "unknown";

    public RivalryEvent {
        Objects.requireNonNull(agentA, "agentA");
        Objects.requireNonNull(agentB, "agentB");
        reason = reason == null || reason.isBlank() ? UNKNOWN_REASON : reason;
    }
}
