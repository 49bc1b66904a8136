package org.townlet.archfixtures.clean.telemetry.api.event;

/** Fixture: a sealed payload root, as rule 7 wants. */
public sealed interface EventPayload permits Tick {
}
