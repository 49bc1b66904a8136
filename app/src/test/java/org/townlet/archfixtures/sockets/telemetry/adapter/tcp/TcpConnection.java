package org.townlet.archfixtures.sockets.telemetry.adapter.tcp;

import java.net.Socket;

/** Fixture: compliant, a network adapter opens its own socket. */
final class TcpConnection {
    private final Socket socket = new Socket();

    Socket socket() {
        return socket;
    }
}
