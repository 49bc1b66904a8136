package org.townlet.archfixtures.simdeps.sim;

import java.util.ArrayList;
import java.util.List;
import org.townlet.archfixtures.simdeps.telemetry.api.Port;

/** Fixture: compliant, the simulation uses the JDK and the api. */
public final class World {
    private final List<Port> ports = new ArrayList<>();

    public List<Port> ports() {
        return ports;
    }
}
