package org.townlet.archfixtures.apideps.telemetry.api;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Violator of api_depends_only_on_the_jdk_jackson_annotations_and_itself: Jackson databind in the api. */
public final class MapperHolder {
    private final ObjectMapper mapper = new ObjectMapper();

    public ObjectMapper mapper() {
        return mapper;
    }
}
