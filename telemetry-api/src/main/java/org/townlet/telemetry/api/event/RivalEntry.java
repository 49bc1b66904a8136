package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One entry of an agent's {@code top_rivals} (SPEC §3.5, §6.3): JSON {@code {agent, rivalry}}. Immutable and
 * thread-safe.
 */
public record RivalEntry(
        @JsonProperty("agent") String agent,
        @JsonProperty("rivalry") double rivalry) {

    public RivalEntry {
        Objects.requireNonNull(agent, "agent");
    }
}
