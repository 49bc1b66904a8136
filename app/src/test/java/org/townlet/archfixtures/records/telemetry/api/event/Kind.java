package org.townlet.archfixtures.records.telemetry.api.event;

/** Fixture: compliant, an enum. */
public enum Kind {
    TICK
}
