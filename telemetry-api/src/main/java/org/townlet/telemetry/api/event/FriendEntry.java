package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One entry of an agent's {@code top_friends} (SPEC §3.5, §6.3): JSON {@code {agent, trust, familiarity, rivalry}}.
 * Immutable and thread-safe.
 */
public record FriendEntry(
        @JsonProperty("agent") String agent,
        @JsonProperty("trust") double trust,
        @JsonProperty("familiarity") double familiarity,
        @JsonProperty("rivalry") double rivalry) {

    public FriendEntry {
        Objects.requireNonNull(agent, "agent");
    }
}
