package org.townlet.archfixtures.clean.telemetry.api;

import org.townlet.archfixtures.clean.telemetry.api.event.EventPayload;

/** Fixture: the fake api's port. */
public interface Sink {
    void emit(EventPayload payload);
}
