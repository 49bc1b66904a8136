package org.townlet.archfixtures.user.good.transport;

import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;

/** Fixture: compliant user factory: public, final, public no-argument constructor, registered by the test. */
public final class PigeonTransportFactory implements TransportFactory<PigeonTransportFactory.Settings> {
    /** The factory's settings record. */
    public record Settings(int pigeons) {
    }

    @Override
    public String name() {
        return "pigeon";
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public Transport create(Settings settings, TransportContext context) {
        return new PigeonTransport();
    }
}
