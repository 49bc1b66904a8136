package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Payload of {@code stability.metrics} (SPEC §4.2): JSON {@code {metrics}}, a JSON map that includes
 * {@code promotion_state}. Immutable and thread-safe; {@code null} metrics become {@code {}}.
 */
public record StabilityMetrics(@JsonProperty("metrics") Map<String, Object> metrics) implements EventPayload {

    public StabilityMetrics {
        metrics = JsonMaps.copyOf(metrics);
    }
}
