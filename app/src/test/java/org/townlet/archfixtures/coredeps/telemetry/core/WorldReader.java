package org.townlet.archfixtures.coredeps.telemetry.core;

import org.townlet.archfixtures.coredeps.sim.World;

/** Violator of core_depends_only_on_the_api_jackson_and_the_schema_validator: core reads the simulation. */
public final class WorldReader {
    private World world;

    public World world() {
        return world;
    }
}
