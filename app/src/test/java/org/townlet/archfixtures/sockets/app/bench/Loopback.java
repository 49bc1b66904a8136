package org.townlet.archfixtures.sockets.app.bench;

import java.nio.channels.SocketChannel;

/** Fixture: compliant, townlet bench measures over a loopback channel. */
final class Loopback {
    private SocketChannel channel;

    SocketChannel channel() {
        return channel;
    }
}
