package org.townlet.archfixtures.coredeps.telemetry.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.townlet.archfixtures.coredeps.telemetry.api.Port;

/** Fixture: compliant, core may use the api and Jackson. */
public final class Encoder implements Port {
    private final ObjectMapper mapper = new ObjectMapper();

    public ObjectMapper mapper() {
        return mapper;
    }
}
