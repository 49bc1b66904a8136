package org.townlet.archfixtures.adapterdeps.telemetry.core;

/** Fixture: the fake core. */
public final class Encoder {
}
