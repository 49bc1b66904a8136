package org.townlet.telemetry.core.consume;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@link StreamConsumer#accept} did with one line (SPEC §9.6). The consumer's counters already reflect it.
 *
 * @param kind    what the line was and what happened to it
 * @param seq     the frame's {@code seq}, when the line was a JSON object with an integral {@code seq}, whatever
 *                happened to it (a receiver acknowledges skipped frames too, SPEC §12.3.1)
 * @param frame   the line passed rules 1–3 and was not a duplicate: it counts in {@code frames} and {@code bytes}, and
 *                {@code townlet listen --out} writes it (diffs it could not apply and invalid snapshots included)
 * @param missing the {@code seq} values missing right before this frame (added to {@code gaps}); 0 without a gap
 */
public record LineOutcome(Kind kind, OptionalLong seq, boolean frame, long missing) {
    /** What a line was and what the consumer did with it. */
    public enum Kind {
        /** A snapshot replaced the state (and cleared {@code stale}). */
        SNAPSHOT_APPLIED,
        /** A diff was applied to the state. */
        DIFF_APPLIED,
        /** A diff arrived with no state to apply it to: counted in {@code diff_without_base} and ignored. */
        DIFF_WITHOUT_BASE,
        /** A snapshot without {@code schema_version} or map-valued {@code employment}, {@code jobs}, {@code conflict}. */
        INVALID_SNAPSHOT,
        /** A frame whose {@code seq} was not above the last one: ignored. */
        DUPLICATE,
        /** The control line {@code {"ack_request":true}}: not a frame, not counted. */
        ACK_REQUEST,
        /** Not a JSON object, a non-integral {@code seq}, or a diff whose {@code changes} is not an object. */
        MALFORMED_LINE,
        /** Longer than {@code max_line_bytes}: skipped. */
        OVERSIZE_LINE,
        /** A {@code payload_type} other than {@code snapshot} or {@code diff}: skipped. */
        UNKNOWN_PAYLOAD_TYPE,
        /** A {@code schema_version} of another major version: rejected. */
        SCHEMA_MISMATCH
    }

    /** Validates the parts. */
    public LineOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(seq, "seq");
        if (missing < 0) {
            throw new IllegalArgumentException("missing must be >= 0; got " + missing);
        }
    }

    /** Whether the line changed the consumer's state (a snapshot or a diff applied). */
    public boolean applied() {
        return kind == Kind.SNAPSHOT_APPLIED || kind == Kind.DIFF_APPLIED;
    }

    static LineOutcome of(Kind kind) {
        return new LineOutcome(kind, OptionalLong.empty(), false, 0);
    }
}
