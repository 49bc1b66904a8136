package org.townlet.telemetry.api.transport;

import java.util.List;

/**
 * The frames of one flush, in {@code seq} order, handed to {@link Transport#send} as one write or request.
 * Immutable; never empty.
 *
 * @param frames the frames, in {@code seq} order
 */
public record FrameBatch(List<EncodedFrame> frames) {
    /** Copies the list; rejects an empty batch. */
    public FrameBatch {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one frame");
        }
    }

    /** A batch of the given frames. */
    public static FrameBatch of(EncodedFrame... frames) {
        return new FrameBatch(List.of(frames));
    }

    /** The total bytes of the batch. */
    public long totalBytes() {
        long total = 0;
        for (EncodedFrame frame : frames) {
            total += frame.size();
        }
        return total;
    }

    /**
     * The batch's bytes, unchanged and in order, as one array, so a transport can write the batch in one call. A
     * single-frame batch returns that frame's own array (shared, not copied: do not modify it).
     *
     * @throws IllegalStateException when the batch is larger than one array can hold
     */
    public byte[] concatenatedBytes() {
        if (frames.size() == 1) {
            return frames.get(0).bytes();
        }
        long total = totalBytes();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("batch too large for one write: " + total + " bytes");
        }
        byte[] all = new byte[(int) total];
        int offset = 0;
        for (EncodedFrame frame : frames) {
            byte[] bytes = frame.bytes();
            System.arraycopy(bytes, 0, all, offset, bytes.length);
            offset += bytes.length;
        }
        return all;
    }

    /** The number of frames. */
    public int size() {
        return frames.size();
    }

    /** The last frame (highest {@code seq}). */
    public EncodedFrame last() {
        return frames.get(frames.size() - 1);
    }
}
