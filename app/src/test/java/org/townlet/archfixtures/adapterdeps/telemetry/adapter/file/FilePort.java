package org.townlet.archfixtures.adapterdeps.telemetry.adapter.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.townlet.archfixtures.adapterdeps.telemetry.api.Port;

/** Fixture: compliant, an adapter may use the api, its own package and other libraries. */
public final class FilePort implements Port {
    private final ObjectMapper mapper = new ObjectMapper();

    public ObjectMapper mapper() {
        return mapper;
    }
}
