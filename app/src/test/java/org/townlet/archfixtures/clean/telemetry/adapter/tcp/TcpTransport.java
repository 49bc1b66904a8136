package org.townlet.archfixtures.clean.telemetry.adapter.tcp;

import java.net.InetSocketAddress;
import java.net.Socket;
import org.townlet.archfixtures.clean.telemetry.api.transport.Transport;

/** Fixture: a network adapter may open sockets. */
final class TcpTransport implements Transport {
    private final InetSocketAddress endpoint = new InetSocketAddress("localhost", 0);
    private Socket socket;

    @Override
    public void send(byte[] frame) {
        if (socket == null) {
            socket = new Socket();
        }
    }

    InetSocketAddress endpoint() {
        return endpoint;
    }
}
