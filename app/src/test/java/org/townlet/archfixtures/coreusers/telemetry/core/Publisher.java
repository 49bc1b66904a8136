package org.townlet.archfixtures.coreusers.telemetry.core;

/** Fixture: the fake core. */
public final class Publisher {
}
