package org.townlet.telemetry.api.transport;

/**
 * How a transport reports what it learns off the worker thread (an acknowledgement reader, a watchdog). The
 * pipeline's implementation is thread-safe and cheap; a transport may call it from any of its threads.
 */
public interface TransportCallbacks {
    /** Callbacks that ignore everything: for transports and tests that have nothing to report. */
    TransportCallbacks NONE = new TransportCallbacks() {
    };

    /**
     * Frames up to and including {@code seq} are acknowledged by the receiver.
     *
     * @param frames how many frames this acknowledgement settled
     * @param bytes  their bytes
     */
    default void acknowledged(long seq, long frames, long bytes) {
    }

    /** A helper thread of the transport found the connection broken. */
    default void failed(String error) {
    }
}
