package org.townlet.archfixtures.testingdeps.telemetry.testing;

import org.townlet.archfixtures.testingdeps.telemetry.core.Encoder;

/** Violator of the_testing_toolkit_depends_on_no_townlet_module_but_the_api: the toolkit uses core. */
public final class EncodingAssertions {
    private final Encoder encoder = new Encoder();

    public Encoder encoder() {
        return encoder;
    }
}
