package org.townlet.telemetry.api.transport;

/**
 * Ships encoded frames somewhere: stdout, a file, a socket, a broker.
 *
 * <p>Threads: every method is called only under the pipeline's send lock, by the worker thread or by a producer
 * sending its own {@code fan_out} overflow, so an implementation needs no locking of its own for these calls. Helper
 * threads a transport owns (an acknowledgement reader, a watchdog) are started in or after {@link #start()} and
 * stopped by {@link #close()}; none starts in a constructor.
 *
 * <p>Implementations are package-private and final, reachable only through their public {@link TransportFactory}.
 */
public interface Transport extends AutoCloseable {
    /**
     * Called exactly once, before the first send. Opens no network connection (connects are lazy, so an unreachable
     * endpoint never stops a simulation from starting).
     */
    void start() throws TransportException;

    /**
     * Writes every frame's bytes unchanged and in order, as one write or request where the medium allows.
     *
     * @return whether the batch went over a connection or file opened after an earlier one
     * @throws TransportException when the batch could not be written; the worker counts and retries it
     */
    SendReport send(FrameBatch batch) throws TransportException;

    /** Pushes anything the transport holds towards its destination. */
    void flush() throws TransportException;

    /** Releases every resource and stops every helper thread. Idempotent; bounded in time. */
    @Override
    void close() throws TransportException;

    /** Bytes held for replay after a reconnect (acknowledged delivery); 0 for transports without acks. */
    default long pendingBytes() {
        return 0L;
    }
}
