package org.townlet.archfixtures.clean.sim;

import org.townlet.archfixtures.clean.telemetry.api.Sink;
import org.townlet.archfixtures.clean.telemetry.api.event.Tick;

/** Fixture: the simulation sees only the api. */
public final class Simulation {
    private final Sink sink;

    public Simulation(Sink sink) {
        this.sink = sink;
    }

    public void tick(long tick) {
        sink.emit(new Tick(tick));
    }
}
