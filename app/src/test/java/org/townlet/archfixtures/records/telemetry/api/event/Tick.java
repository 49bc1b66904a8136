package org.townlet.archfixtures.records.telemetry.api.event;

/** Fixture: compliant, a record. */
public record Tick(long tick) implements EventPayload {
}
