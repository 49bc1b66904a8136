package org.townlet.archfixtures.transports.telemetry.adapter.bad;

import org.townlet.archfixtures.transports.telemetry.api.transport.ForwardingTransport;

/** Violator of transport_implementations_are_package_private_and_final: public, implementing Transport indirectly. */
public final class PublicForwardingTransport extends ForwardingTransport {
    @Override
    public void send(byte[] frame) {
    }
}
