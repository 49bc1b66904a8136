package org.townlet.archfixtures.user.bad.sim;

import jakarta.inject.Inject;

/** Violator of guiceOnlyInWiringPackage: jakarta.inject outside the wiring package. */
public final class InjectedSimulation {
    @Inject
    public InjectedSimulation() {
    }
}
