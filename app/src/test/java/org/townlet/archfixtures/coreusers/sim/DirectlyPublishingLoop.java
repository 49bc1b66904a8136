package org.townlet.archfixtures.coreusers.sim;

import org.townlet.archfixtures.coreusers.telemetry.core.Publisher;

/** Violator of nothing_but_app_and_benchmarks_depends_on_core: the simulation bypasses the api. */
public final class DirectlyPublishingLoop {
    private final Publisher publisher = new Publisher();

    public Publisher publisher() {
        return publisher;
    }
}
