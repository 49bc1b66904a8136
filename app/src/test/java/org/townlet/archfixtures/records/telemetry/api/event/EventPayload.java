package org.townlet.archfixtures.records.telemetry.api.event;

/** Fixture: compliant, an interface. */
public sealed interface EventPayload permits Tick, MutableTick {
}
