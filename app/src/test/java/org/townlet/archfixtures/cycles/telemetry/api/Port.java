package org.townlet.archfixtures.cycles.telemetry.api;

/** Fixture: compliant, outside the cycle. */
public interface Port {
}
