package org.townlet.telemetry.core.transform;

/**
 * What the transforms of one pipeline did so far (SPEC §10.1 "each with counters"). Immutable; a snapshot of
 * {@link TransformChain#stats()}.
 *
 * @param framesRedacted     frames from which {@code redact_fields} removed at least one key
 * @param missingFieldDrops  frames {@code ensure_fields} dropped
 * @param framesValidated    frames {@code schema_validator} checked
 * @param validationFailures frames that failed validation, whatever the mode
 * @param validationDrops    failed frames dropped ({@code drop})
 * @param validationWarnings failed frames let through with a warning ({@code warn})
 * @param validationRaises   failed frames that raised ({@code raise}); they are not sent either
 */
public record TransformStats(
        long framesRedacted,
        long missingFieldDrops,
        long framesValidated,
        long validationFailures,
        long validationDrops,
        long validationWarnings,
        long validationRaises) {

    /** Nothing happened yet. */
    public static final TransformStats ZERO = new TransformStats(0, 0, 0, 0, 0, 0, 0);

    /** Frames the transforms kept from the stream: missing fields, validation drops and raises. */
    public long framesDropped() {
        return missingFieldDrops + validationDrops + validationRaises;
    }
}
