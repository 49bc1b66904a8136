package org.townlet.archfixtures.testingdeps.telemetry.testing;

import org.townlet.archfixtures.testingdeps.telemetry.api.Port;

/** Fixture: compliant, the toolkit may use the api. */
public final class RecordingPort implements Port {
}
