package org.townlet.archfixtures.modules.telemetry.api;

/** Fixture: the fake api. */
public interface Port {
}
