package org.townlet.archfixtures.modules.sim;

import org.townlet.archfixtures.modules.telemetry.api.Port;

/** Fixture: the fake simulation. */
public final class World {
    private Port port;

    public Port port() {
        return port;
    }
}
