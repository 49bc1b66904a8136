package org.townlet.telemetry.api.transport;

import java.util.Objects;

/**
 * One encoded frame: compact UTF-8 JSON followed by exactly one {@code \n}. The bytes are shared, not copied, for
 * speed: nobody may modify them after construction. Immutable by that contract; safe to pass between threads.
 *
 * @param seq   the frame's stream sequence number (0, 1, 2, …)
 * @param tick  the simulation tick the frame describes
 * @param kind  snapshot or diff
 * @param bytes the frame's bytes, ending with {@code \n}
 */
public record EncodedFrame(long seq, long tick, FrameKind kind, byte[] bytes) {
    /** Validates the frame; the bytes must be non-empty and end with a newline. */
    public EncodedFrame {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bytes, "bytes");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0; got " + seq);
        }
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            throw new IllegalArgumentException("frame bytes must end with a newline");
        }
    }

    /** The number of bytes on the wire, newline included. */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedFrame that && seq == that.seq && tick == that.tick && kind == that.kind
                && java.util.Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, tick, kind, java.util.Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "EncodedFrame[seq=" + seq + ", tick=" + tick + ", kind=" + kind + ", size=" + bytes.length + "]";
    }
}
