package org.townlet.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process loopback receiver of the TCP round: accepts connections on {@code 127.0.0.1:0}, one at a time, and
 * reads and discards what arrives, counting the bytes. Thread {@code townlet-bench-receiver} (daemon); stopped by
 * {@link #close()}.
 */
final class LoopbackReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicLong bytes = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    LoopbackReceiver() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        thread = new Thread(this::acceptLoop, "townlet-bench-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long bytes() {
        return bytes.get();
    }

    /** Waits until at least {@code total} bytes have arrived since start, or the deadline; true when they have. */
    boolean awaitBytes(long total, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (bytes.get() < total) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    private void acceptLoop() {
        byte[] buffer = new byte[1 << 16];
        while (!closed) {
            try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    bytes.addAndGet(n);
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
