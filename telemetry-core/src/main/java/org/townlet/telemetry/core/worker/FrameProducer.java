package org.townlet.telemetry.core.worker;

import java.util.Optional;
import org.townlet.telemetry.api.transport.EncodedFrame;

/**
 * Turns buffered items into encoded frames: builds the snapshot document, runs the transforms, diffs against the
 * previous document unless a keyframe is due, and encodes (SPEC §9.5). Owns the diff base.
 *
 * <p>Threads: both methods are called only under the pipeline's send lock (worker thread, or a {@code fan_out}
 * producer), {@link #encode} strictly in {@code seq} order, so an implementation needs no locking of its own. A drop
 * found off the send lock (backpressure on the simulation thread) is remembered by the worker and passed on as a
 * {@link #requestKeyframe()} just before the first item after the gap is encoded.
 *
 * @param <T> the item type
 */
public interface FrameProducer<T extends BufferedItem> {
    /**
     * Encodes {@code item}; empty when a transform dropped it (the worker then counts the drop in
     * {@code frames_dropped_total} and requests a keyframe). An unchecked exception is a worker failure (SPEC §11.7).
     */
    Optional<EncodedFrame> encode(T item);

    /** The next frame built must be a snapshot: a frame was dropped, or the transport reconnected or rotated. */
    void requestKeyframe();
}
