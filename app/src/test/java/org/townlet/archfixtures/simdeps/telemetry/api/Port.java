package org.townlet.archfixtures.simdeps.telemetry.api;

/** Fixture: the fake api. */
public interface Port {
}
