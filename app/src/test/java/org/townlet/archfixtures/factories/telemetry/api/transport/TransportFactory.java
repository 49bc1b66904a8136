package org.townlet.archfixtures.factories.telemetry.api.transport;

/** Fixture: the fake transport factory SPI. */
public interface TransportFactory {
    String name();
}
