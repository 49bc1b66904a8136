package org.townlet.telemetry.api;

/**
 * A frame failed schema validation in {@code raise} mode (SPEC §10.1). Raised on the worker, handed to the
 * simulation thread and rethrown from its next sink call (or from {@code stop()}).
 */
public final class TelemetryValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the validator's message. */
    public TelemetryValidationException(String message) {
        super(message);
    }
}
