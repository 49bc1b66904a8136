package org.townlet.archfixtures.sockets.app.listen;

import java.net.ServerSocket;

/** Fixture: compliant, townlet listen accepts connections. */
final class Receiver {
    private ServerSocket server;

    ServerSocket server() {
        return server;
    }
}
