package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of a console command (SPEC §3.5), serialised lower-case: {@code ok}, {@code error}. Immutable and
 * thread-safe.
 */
public enum ConsoleStatus {
    @JsonProperty("ok") OK("ok"),
    @JsonProperty("error") ERROR("error");

    private final String jsonName;

    ConsoleStatus(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The lower-case name used on the wire. */
    public String jsonName() {
        return jsonName;
    }
}
