package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * One social event of a tick (SPEC §3.5, §17.5): a type and a JSON map of attributes, serialised flat as
 * {@code {type:<type>, ...attributes}} (an attribute named {@value #TYPE_KEY} is not written; the type wins).
 * Immutable and thread-safe; {@code null} attributes become {@code {}}.
 */
public record SocialEvent(String type, Map<String, Object> attributes) {

    /** The JSON key holding the type. */
    public static final String TYPE_KEY = "type";

    public SocialEvent {
        Objects.requireNonNull(type, "type");
        attributes = JsonMaps.copyOf(attributes);
    }

    /** An event from its type and alternating attribute keys and values, in order. */
    public static SocialEvent of(String type, Object... keysAndValues) {
        return new SocialEvent(type, JsonMaps.of(keysAndValues));
    }

    /**
     * Reads the flat form: the type from {@value #TYPE_KEY} (required, a string), every other key as an attribute.
     *
     * @throws IllegalArgumentException if {@value #TYPE_KEY} is missing or not a string
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SocialEvent fromJson(Map<String, ?> json) {
        Object type = json == null ? null : json.get(TYPE_KEY);
        if (!(type instanceof String text)) {
            throw new IllegalArgumentException("social event needs a string '" + TYPE_KEY + "', got " + type);
        }
        LinkedHashMap<String, Object> attributes = new LinkedHashMap<>(json);
        attributes.remove(TYPE_KEY);
        return new SocialEvent(text, Collections.unmodifiableMap(attributes));
    }

    /** The attribute under {@code key}, or {@code null} when absent. */
    public Object attribute(String key) {
        return attributes.get(key);
    }

    /** The flat JSON form {@code {type:<type>, ...attributes}}. */
    @JsonValue
    public Map<String, Object> toJson() {
        LinkedHashMap<String, Object> json = new LinkedHashMap<>();
        json.put(TYPE_KEY, type);
        attributes.forEach((key, value) -> {
            if (!TYPE_KEY.equals(key)) {
                json.put(key, value);
            }
        });
        return Collections.unmodifiableMap(json);
    }
}
