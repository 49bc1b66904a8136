package org.townlet.telemetry.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections while this is open: a socket bound to it never listens, and holding the
 * port keeps any other socket from taking it meanwhile. A port found free and released at once could be taken by
 * anything between the release and the test's connect; this one cannot. Close it to bind a server on the port (for a
 * test of what happens when the endpoint comes up).
 */
public final class RefusingPort implements AutoCloseable {
    private final Socket holder;

    private RefusingPort(Socket holder) {
        this.holder = holder;
    }

    /** Binds an ephemeral port on 127.0.0.1 without listening on it. */
    public static RefusingPort open() throws IOException {
        Socket holder = new Socket();
        try {
            holder.setReuseAddress(false);
            holder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return new RefusingPort(holder);
        } catch (IOException | RuntimeException e) {
            holder.close();
            throw e;
        }
    }

    /** The port, which refuses connections until {@link #close()}. */
    public int port() {
        return holder.getLocalPort();
    }

    /** Releases the port. Idempotent. */
    @Override
    public void close() throws IOException {
        holder.close();
    }
}
