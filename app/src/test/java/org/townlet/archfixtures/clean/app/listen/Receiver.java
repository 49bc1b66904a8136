package org.townlet.archfixtures.clean.app.listen;

import java.net.ServerSocket;

/** Fixture: townlet listen may open a server socket. */
final class Receiver {
    private ServerSocket server;

    boolean listening() {
        return server != null;
    }
}
