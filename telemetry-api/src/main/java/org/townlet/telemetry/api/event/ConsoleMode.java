package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The privilege mode of a {@link ConsoleCommand} (SPEC §3.5, §8.1), serialised lower-case: {@code viewer},
 * {@code admin}. Immutable and thread-safe; the default is {@link #VIEWER}.
 */
public enum ConsoleMode {
    @JsonProperty("viewer") VIEWER("viewer"),
    @JsonProperty("admin") ADMIN("admin");

    private final String jsonName;

    ConsoleMode(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The lower-case name used on the wire. */
    public String jsonName() {
        return jsonName;
    }

    /** Coercion of SPEC §8.1: {@code "admin"} (any case, trimmed) is {@link #ADMIN}; anything else {@link #VIEWER}. */
    public static ConsoleMode fromJson(Object value) {
        return value instanceof String text && ADMIN.jsonName.equalsIgnoreCase(text.trim()) ? ADMIN : VIEWER;
    }
}
