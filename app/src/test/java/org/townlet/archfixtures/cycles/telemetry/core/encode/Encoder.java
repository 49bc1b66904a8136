package org.townlet.archfixtures.cycles.telemetry.core.encode;

import org.townlet.archfixtures.cycles.telemetry.core.worker.Worker;

/** Violator of packages_are_free_of_cycles: the other half of the cycle. */
public final class Encoder {
    private Worker owner;

    public Worker owner() {
        return owner;
    }
}
