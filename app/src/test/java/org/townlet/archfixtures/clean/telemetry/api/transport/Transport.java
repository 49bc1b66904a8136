package org.townlet.archfixtures.clean.telemetry.api.transport;

/** Fixture: the fake transport SPI. */
public interface Transport {
    void send(byte[] frame);
}
