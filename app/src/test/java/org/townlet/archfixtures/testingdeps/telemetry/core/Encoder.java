package org.townlet.archfixtures.testingdeps.telemetry.core;

/** Fixture: the fake core. */
public final class Encoder {
}
