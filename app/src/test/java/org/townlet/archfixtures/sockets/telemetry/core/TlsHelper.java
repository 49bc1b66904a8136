package org.townlet.archfixtures.sockets.telemetry.core;

import javax.net.ssl.SSLContext;

/** Violator of only_network_adapters_listen_and_bench_open_sockets: javax.net in core. */
final class TlsHelper {
    private SSLContext context;

    SSLContext context() {
        return context;
    }
}
