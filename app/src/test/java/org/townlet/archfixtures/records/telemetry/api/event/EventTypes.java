package org.townlet.archfixtures.records.telemetry.api.event;

/** Fixture: compliant, a static-only utility class. */
public final class EventTypes {
    public static final String TICK = "tick";

    private EventTypes() {
    }
}
