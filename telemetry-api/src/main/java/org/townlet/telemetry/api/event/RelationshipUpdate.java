package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A change of one tie since the previous tick (SPEC §3.5, §6.2): JSON {@code {owner, other, trust, familiarity,
 * rivalry, status, delta}}; a removed tie carries values 0.0 and {@code delta = -previous}. Immutable and
 * thread-safe; a {@code null} delta becomes {@link RelationshipTie#ZERO}.
 */
public record RelationshipUpdate(
        @JsonProperty("owner") String owner,
        @JsonProperty("other") String other,
        @JsonProperty("trust") double trust,
        @JsonProperty("familiarity") double familiarity,
        @JsonProperty("rivalry") double rivalry,
        @JsonProperty("status") RelationshipStatus status,
        @JsonProperty("delta") RelationshipTie delta) {

    public RelationshipUpdate {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(status, "status");
        delta = delta == null ? RelationshipTie.ZERO : delta;
    }

    /** An update whose current values are {@code current}. */
    public static RelationshipUpdate of(String owner, String other, RelationshipTie current,
            RelationshipStatus status, RelationshipTie delta) {
        RelationshipTie tie = current == null ? RelationshipTie.ZERO : current;
        return new RelationshipUpdate(owner, other, tie.trust(), tie.familiarity(), tie.rivalry(), status, delta);
    }
}
