package org.townlet.archfixtures.clean.telemetry.api.event;

/** Fixture: an exception, which rule 7 leaves alone. */
public final class BadEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadEventException(String message) {
        super(message);
    }
}
