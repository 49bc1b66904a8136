package org.townlet.archfixtures.clean.telemetry.api.event;

/** Fixture: a static-only utility class, which rule 7 leaves alone. */
public final class EventTypes {
    public static final String TICK = "tick";

    private EventTypes() {
    }

    public static boolean isTick(String type) {
        return TICK.equals(type);
    }
}
