package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The kind of a {@link RelationshipUpdate} (SPEC §6.2), serialised lower-case: {@code added}, {@code updated},
 * {@code removed}. Immutable and thread-safe.
 */
public enum RelationshipStatus {
    @JsonProperty("added") ADDED("added"),
    @JsonProperty("updated") UPDATED("updated"),
    @JsonProperty("removed") REMOVED("removed");

    private final String jsonName;

    RelationshipStatus(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The lower-case name used on the wire. */
    public String jsonName() {
        return jsonName;
    }
}
