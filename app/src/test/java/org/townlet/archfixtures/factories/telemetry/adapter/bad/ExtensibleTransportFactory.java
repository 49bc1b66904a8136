package org.townlet.archfixtures.factories.telemetry.adapter.bad;

import org.townlet.archfixtures.factories.telemetry.api.transport.TransportFactory;

/** Violator of transport_factories_are_public_and_final: not final. */
public class ExtensibleTransportFactory implements TransportFactory {
    @Override
    public String name() {
        return "extensible";
    }
}
