package org.townlet.archfixtures.transports.telemetry.api.transport;

/** Fixture: the fake transport SPI. */
public interface Transport {
    void send(byte[] frame);
}
