package org.townlet.telemetry.api.transport;

/**
 * A send, flush or connect failed. The worker counts it, retries per its settings, and never dies of it. The message
 * is shown to users in logs and status ({@code last_error}), so it says what failed and where.
 */
public class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a user-facing message. */
    public TransportException(String message) {
        super(message);
    }

    /** Creates the exception with a user-facing message and its cause. */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
