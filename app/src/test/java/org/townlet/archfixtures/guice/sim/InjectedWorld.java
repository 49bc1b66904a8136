package org.townlet.archfixtures.guice.sim;

import jakarta.inject.Inject;

/** Violator of guice_is_used_only_in_app: jakarta.inject in the simulation. */
public final class InjectedWorld {
    @Inject
    public InjectedWorld() {
    }
}
