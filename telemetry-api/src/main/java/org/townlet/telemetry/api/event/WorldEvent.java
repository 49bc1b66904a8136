package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * One world event of a tick (SPEC §3.5): a name and a JSON map of attributes, serialised flat as
 * {@code {event:<name>, ...attributes}} (an attribute named {@value #NAME_KEY} is not written; the name wins).
 * Immutable and thread-safe; {@code null} attributes become {@code {}}.
 */
public record WorldEvent(String name, Map<String, Object> attributes) {

    /** The JSON key holding the name. */
    public static final String NAME_KEY = "event";

    public WorldEvent {
        Objects.requireNonNull(name, "name");
        attributes = JsonMaps.copyOf(attributes);
    }

    /** An event from its name and alternating attribute keys and values, in order. */
    public static WorldEvent of(String name, Object... keysAndValues) {
        return new WorldEvent(name, JsonMaps.of(keysAndValues));
    }

    /**
     * Reads the flat form: the name from {@value #NAME_KEY} (required, a string), every other key as an attribute.
     *
     * @throws IllegalArgumentException if {@value #NAME_KEY} is missing or not a string
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static WorldEvent fromJson(Map<String, ?> json) {
        Object name = json == null ? null : json.get(NAME_KEY);
        if (!(name instanceof String text)) {
            throw new IllegalArgumentException("world event needs a string '" + NAME_KEY + "', got " + name);
        }
        LinkedHashMap<String, Object> attributes = new LinkedHashMap<>(json);
        attributes.remove(NAME_KEY);
        return new WorldEvent(text, Collections.unmodifiableMap(attributes));
    }

    /** The attribute under {@code key}, or {@code null} when absent. */
    public Object attribute(String key) {
        return attributes.get(key);
    }

    /** The flat JSON form {@code {event:<name>, ...attributes}}. */
    @JsonValue
    public Map<String, Object> toJson() {
        LinkedHashMap<String, Object> json = new LinkedHashMap<>();
        json.put(NAME_KEY, name);
        attributes.forEach((key, value) -> {
            if (!NAME_KEY.equals(key)) {
                json.put(key, value);
            }
        });
        return Collections.unmodifiableMap(json);
    }
}
