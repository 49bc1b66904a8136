package org.townlet.archfixtures.modules.telemetry.core;

import org.townlet.archfixtures.modules.telemetry.api.Port;

/** Fixture: the fake core. */
public final class Encoder implements Port {
}
