package org.townlet.archfixtures.adapterdeps.telemetry.api;

/** Fixture: the fake api. */
public interface Port {
}
