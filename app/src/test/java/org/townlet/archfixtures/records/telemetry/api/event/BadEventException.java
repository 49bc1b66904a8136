package org.townlet.archfixtures.records.telemetry.api.event;

/** Fixture: compliant, an exception. */
public class BadEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;
}
