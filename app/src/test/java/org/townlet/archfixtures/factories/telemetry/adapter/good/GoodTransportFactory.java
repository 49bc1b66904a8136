package org.townlet.archfixtures.factories.telemetry.adapter.good;

import org.townlet.archfixtures.factories.telemetry.api.transport.TransportFactory;

/** Fixture: compliant, public and final. */
public final class GoodTransportFactory implements TransportFactory {
    @Override
    public String name() {
        return "good";
    }
}
