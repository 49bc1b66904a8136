package org.townlet.archfixtures.clean.telemetry.adapter.stdout;

import org.townlet.archfixtures.clean.telemetry.api.transport.Transport;
import org.townlet.archfixtures.clean.telemetry.api.transport.TransportFactory;

/** Fixture: a public final factory. */
public final class StdoutTransportFactory implements TransportFactory {
    @Override
    public Transport create() {
        return new StdoutTransport();
    }
}
