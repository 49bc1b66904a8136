package org.townlet.archfixtures.coredeps.sim;

/** Fixture: the fake simulation. */
public final class World {
}
