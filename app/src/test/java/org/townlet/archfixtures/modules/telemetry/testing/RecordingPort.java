package org.townlet.archfixtures.modules.telemetry.testing;

import org.townlet.archfixtures.modules.telemetry.api.Port;

/** Fixture: the fake toolkit. */
public final class RecordingPort implements Port {
}
