package org.townlet.archfixtures.user.bad.transport;

import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;

/** Violator of transportFactoriesArePublicFinalAndRegistered: missing from META-INF/services. */
public final class UnregisteredTransportFactory implements TransportFactory<Void> {
    @Override
    public String name() {
        return "unregistered";
    }

    @Override
    public Class<Void> settingsType() {
        return Void.class;
    }

    @Override
    public Transport create(Void settings, TransportContext context) {
        return new LeakyTransport();
    }
}
