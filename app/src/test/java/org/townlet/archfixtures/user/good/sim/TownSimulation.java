package org.townlet.archfixtures.user.good.sim;

import org.townlet.telemetry.api.TelemetrySink;

/** Fixture: compliant user simulation, drives the sink through the api only. */
public final class TownSimulation {
    private final TelemetrySink sink;

    public TownSimulation(TelemetrySink sink) {
        this.sink = sink;
    }

    public TelemetrySink sink() {
        return sink;
    }
}
