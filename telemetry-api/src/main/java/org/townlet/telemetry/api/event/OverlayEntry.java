package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One tie of the relationship overlay (SPEC §3.5, §6.3): JSON {@code {owner, other, trust, familiarity, rivalry,
 * delta_trust, delta_familiarity, delta_rivalry}}. Immutable and thread-safe.
 */
public record OverlayEntry(
        @JsonProperty("owner") String owner,
        @JsonProperty("other") String other,
        @JsonProperty("trust") double trust,
        @JsonProperty("familiarity") double familiarity,
        @JsonProperty("rivalry") double rivalry,
        @JsonProperty("delta_trust") double deltaTrust,
        @JsonProperty("delta_familiarity") double deltaFamiliarity,
        @JsonProperty("delta_rivalry") double deltaRivalry) {

    public OverlayEntry {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(other, "other");
    }
}
