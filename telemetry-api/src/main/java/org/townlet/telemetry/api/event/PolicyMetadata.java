package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Payload of {@code policy.metadata} (SPEC §4.2): JSON {@code {provider, metadata}}, where {@code metadata} is a JSON
 * map {@code {identity, possessed_agents, option_switch_counts, anneal_ratio}}. {@code provider} is required;
 * {@code null} metadata becomes {@code {}}. Immutable and thread-safe.
 */
public record PolicyMetadata(
        @JsonProperty("provider") String provider,
        @JsonProperty("metadata") Map<String, Object> metadata) implements EventPayload {

    public PolicyMetadata {
        Objects.requireNonNull(provider, "provider");
        metadata = JsonMaps.copyOf(metadata);
    }
}
