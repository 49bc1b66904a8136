package org.townlet.telemetry.api.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The last value recorded for one metric name (SPEC §3.2, §3.5): JSON {@code {value, tags{string:string}}}. Immutable
 * and thread-safe; {@code null} tags become {@code {}}.
 */
public record MetricValue(
        @JsonProperty("value") double value,
        @JsonProperty("tags") Map<String, String> tags) {

    public MetricValue {
        tags = JsonMaps.copyOf(tags);
    }

    /** A value without tags. */
    public static MetricValue of(double value) {
        return new MetricValue(value, null);
    }
}
