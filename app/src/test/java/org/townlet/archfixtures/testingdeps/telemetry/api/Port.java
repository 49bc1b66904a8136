package org.townlet.archfixtures.testingdeps.telemetry.api;

/** Fixture: the fake api. */
public interface Port {
}
