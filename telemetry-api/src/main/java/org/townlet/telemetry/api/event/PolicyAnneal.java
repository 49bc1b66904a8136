package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Payload of {@code policy.anneal.update} (SPEC §4.2): JSON {@code {provider, ratio, context}}. {@code provider} is
 * required, {@code ratio} may be {@code null}, {@code null} context becomes {@code {}}. Immutable and thread-safe.
 */
public record PolicyAnneal(
        @JsonProperty("provider") String provider,
        @JsonProperty("ratio") Double ratio,
        @JsonProperty("context") Map<String, Object> context) implements EventPayload {

    public PolicyAnneal {
        Objects.requireNonNull(provider, "provider");
        context = JsonMaps.copyOf(context);
    }
}
