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

    /** The number of frames. */
    public int size() {
        return frames.size();
    }

    /** The last frame (highest {@code seq}). */
    public EncodedFrame last() {
        return frames.get(frames.size() - 1);
    }
}
