package org.townlet.archfixtures.clean.telemetry.api.event;

/** Fixture: an enum, which rule 7 leaves alone. */
public enum Kind {
    TICK
}
