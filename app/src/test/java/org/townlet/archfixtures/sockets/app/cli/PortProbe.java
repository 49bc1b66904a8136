package org.townlet.archfixtures.sockets.app.cli;

import java.nio.channels.ServerSocketChannel;

/** Violator of only_network_adapters_listen_and_bench_open_sockets: app outside listen and bench. */
final class PortProbe {
    private ServerSocketChannel channel;

    ServerSocketChannel channel() {
        return channel;
    }
}
