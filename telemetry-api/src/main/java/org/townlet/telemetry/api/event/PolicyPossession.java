package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Payload of {@code policy.possession} (SPEC §4.2): JSON {@code {provider, agents, possessed_agents}}, where the
 * agents are sorted and unique (the compact constructor sorts and deduplicates) and {@code possessed_agents} repeats
 * them. {@code provider} is required; {@code null} agents become {@code []}. Immutable and thread-safe.
 */
public record PolicyPossession(
        @JsonProperty("provider") String provider,
        @JsonProperty("agents") List<String> agents) implements EventPayload {

    public PolicyPossession {
        Objects.requireNonNull(provider, "provider");
        agents = JsonMaps.sortedUnique(agents);
    }

    /** The agents again, serialised as {@code possessed_agents} for older consumers. */
    @JsonProperty(value = "possessed_agents", access = JsonProperty.Access.READ_ONLY)
    public List<String> possessedAgents() {
        return agents;
    }
}
