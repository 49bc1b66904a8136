package org.townlet.archfixtures.simdeps.sim;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Violator of sim_depends_only_on_the_jdk_and_the_api: a library in the simulation. */
public final class WorldSerializer {
    private final ObjectMapper mapper = new ObjectMapper();

    public ObjectMapper mapper() {
        return mapper;
    }
}
