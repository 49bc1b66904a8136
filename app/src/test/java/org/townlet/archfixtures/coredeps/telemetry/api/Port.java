package org.townlet.archfixtures.coredeps.telemetry.api;

/** Fixture: the fake api. */
public interface Port {
}
