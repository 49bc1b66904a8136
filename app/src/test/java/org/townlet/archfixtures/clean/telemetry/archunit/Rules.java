package org.townlet.archfixtures.clean.telemetry.archunit;

import org.townlet.archfixtures.clean.telemetry.api.Sink;

/** Fixture: the rules module knows the api only. */
public final class Rules {
    public static final Class<?> PORT = Sink.class;

    private Rules() {
    }
}
