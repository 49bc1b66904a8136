package org.townlet.archfixtures.transports.telemetry.adapter.bad;

import org.townlet.archfixtures.transports.telemetry.api.transport.Transport;

/** Violator of transport_implementations_are_package_private_and_final: public. */
public final class PublicTransport implements Transport {
    @Override
    public void send(byte[] frame) {
    }
}
