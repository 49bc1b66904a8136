package org.townlet.archfixtures.user.bad.sim;

import org.townlet.telemetry.core.worker.BackpressureStrategy;

/** Violator of simulationDependsOnlyOnTheApi: reaches into Townlet's core. */
public final class ShortcutSimulation {
    private final BackpressureStrategy strategy = BackpressureStrategy.DROP_OLDEST;

    public BackpressureStrategy strategy() {
        return strategy;
    }
}
