package org.townlet.archfixtures.clean.telemetry.core.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.townlet.archfixtures.clean.telemetry.api.Sink;
import org.townlet.archfixtures.clean.telemetry.api.event.EventPayload;

/** Fixture: core implements the port and may use Jackson databind. */
public final class Publisher implements Sink {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void emit(EventPayload payload) {
        mapper.valueToTree(payload);
    }
}
