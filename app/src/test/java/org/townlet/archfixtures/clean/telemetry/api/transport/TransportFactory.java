package org.townlet.archfixtures.clean.telemetry.api.transport;

/** Fixture: the fake transport factory SPI. */
public interface TransportFactory {
    Transport create();
}
