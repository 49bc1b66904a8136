package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Payload of {@code metrics} (SPEC §3.2, §4.2): JSON {@code {name, value, tags{string:string}}}. {@code name} is
 * required; {@code null} tags become {@code {}}. Immutable and thread-safe.
 */
public record MetricSample(
        @JsonProperty("name") String name,
        @JsonProperty("value") double value,
        @JsonProperty("tags") Map<String, String> tags) implements EventPayload {

    public MetricSample {
        Objects.requireNonNull(name, "name");
        tags = JsonMaps.copyOf(tags);
    }

    /** A sample without tags. */
    public static MetricSample of(String name, double value) {
        return new MetricSample(name, value, null);
    }
}
