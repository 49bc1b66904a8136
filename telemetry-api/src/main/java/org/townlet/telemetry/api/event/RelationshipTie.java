package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One directed relationship tie (SPEC §3.5): JSON {@code {trust, familiarity, rivalry}}. Immutable and thread-safe;
 * the empty value is {@link #ZERO}.
 */
public record RelationshipTie(
        @JsonProperty("trust") double trust,
        @JsonProperty("familiarity") double familiarity,
        @JsonProperty("rivalry") double rivalry) {

    /** All three values 0.0; also the value of a removed tie. */
    public static final RelationshipTie ZERO = new RelationshipTie(0.0, 0.0, 0.0);

    /** {@code this - previous}, component-wise; a {@code null} previous counts as {@link #ZERO}. */
    public RelationshipTie minus(RelationshipTie previous) {
        RelationshipTie base = previous == null ? ZERO : previous;
        return new RelationshipTie(trust - base.trust, familiarity - base.familiarity, rivalry - base.rivalry);
    }
}
