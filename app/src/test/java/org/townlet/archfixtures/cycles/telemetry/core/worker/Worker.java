package org.townlet.archfixtures.cycles.telemetry.core.worker;

import org.townlet.archfixtures.cycles.telemetry.core.encode.Encoder;

/** Violator of packages_are_free_of_cycles: worker and encode need each other (inside one module). */
public final class Worker {
    private Encoder encoder;

    public Encoder encoder() {
        return encoder;
    }
}
