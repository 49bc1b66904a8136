package org.townlet.archfixtures.clean.telemetry.testing;

import java.net.Socket;

/** Fixture: the test toolkit may hold a socket, for the network adapters' tests of an endpoint that refuses. */
final class RefusedPort {
    private Socket holder;

    boolean held() {
        return holder != null;
    }
}
