package org.townlet.archfixtures.sockets.telemetry.adapter.file;

import java.net.Socket;

/** Violator of only_network_adapters_listen_and_bench_open_sockets: the file adapter opens a socket. */
final class RemoteFileTransport {
    private Socket socket;

    Socket socket() {
        return socket;
    }
}
