package org.townlet.archfixtures.transports.telemetry.adapter.good;

import org.townlet.archfixtures.transports.telemetry.api.transport.Transport;

/** Fixture: compliant, package-private and final. */
final class GoodTransport implements Transport {
    @Override
    public void send(byte[] frame) {
    }
}
