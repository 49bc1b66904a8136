package org.townlet.archfixtures.clean.app.bench;

import java.nio.channels.SocketChannel;

/** Fixture: townlet bench may use socket channels for its loopback measurement. */
final class Loopback {
    private SocketChannel channel;

    boolean open() {
        return channel != null;
    }
}
