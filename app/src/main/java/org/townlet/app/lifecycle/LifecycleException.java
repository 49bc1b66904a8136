package org.townlet.app.lifecycle;

/** A component failed to start or to stop; further failures are attached as suppressed exceptions. */
public final class LifecycleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
