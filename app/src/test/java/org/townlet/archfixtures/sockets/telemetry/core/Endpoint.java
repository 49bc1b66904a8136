package org.townlet.archfixtures.sockets.telemetry.core;

import java.net.InetSocketAddress;
import java.net.URI;

/** Fixture: compliant, socket addresses and URIs are value types, free for everyone. */
public record Endpoint(InetSocketAddress address, URI uri) {
}
