package org.townlet.app.config;

import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;

/** A plugin-like transport whose settings come from {@code telemetry.transport.pigeon}; it delivers nothing. */
public final class PigeonTransportFactory implements TransportFactory<PigeonTransportFactory.Settings> {
    /** The plugin's settings: how many pigeons (1–10), and an endpoint like the tcp transport's. */
    public record Settings(int pigeons, String endpoint) {
        public Settings {
            if (pigeons < 1 || pigeons > 10) {
                throw new IllegalArgumentException("pigeons must be 1–10; got " + pigeons);
            }
        }
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
        return new Transport() {
            @Override
            public void start() {
            }

            @Override
            public SendReport send(FrameBatch batch) {
                return SendReport.SAME_CONNECTION;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
