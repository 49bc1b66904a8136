package org.townlet.telemetry.core.worker;

/**
 * An item waiting in the pipeline buffer: a completed tick or a failure, already numbered. Immutable; created on the
 * simulation thread, built into a frame on the worker thread (or by a {@code fan_out} producer under the send lock).
 */
public interface BufferedItem {
    /** The frame's stream sequence number, assigned when the tick completed. */
    long seq();

    /** The tick the frame describes. */
    long tick();
}
