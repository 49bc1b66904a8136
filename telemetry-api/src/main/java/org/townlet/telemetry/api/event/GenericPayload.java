package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Payload of any event type outside the catalogue of SPEC §4.2: JSON {@code {data}}, a JSON map. Immutable and
 * thread-safe; {@code null} data becomes {@code {}}. A {@link TelemetryEvent} rejects it under a catalogued type.
 */
public record GenericPayload(@JsonProperty("data") Map<String, Object> data) implements EventPayload {

    public GenericPayload {
        data = JsonMaps.copyOf(data);
    }
}
