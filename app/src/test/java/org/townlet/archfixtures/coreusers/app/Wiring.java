package org.townlet.archfixtures.coreusers.app;

import org.townlet.archfixtures.coreusers.telemetry.core.Publisher;

/** Fixture: compliant, app wires core. */
public final class Wiring {
    private final Publisher publisher = new Publisher();

    public Publisher publisher() {
        return publisher;
    }
}
