package org.townlet.telemetry.adapter.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback receiver that acknowledges, as SPEC §12.3.1 asks of one: on a connection that began with
 * {@code {"ack_request":true}}, after each read it acknowledges the last {@code seq} it handled. What it handles goes
 * to a {@link Received} record that may outlive it (a receiver restarted with its output file), which drops duplicates
 * by {@code seq}. It can stop acknowledging (frames then stay unacknowledged, as when a receiver dies before it
 * confirms them) and be killed: its connections are reset (unread bytes are lost) and its port released.
 */
final class AckingReceiver implements AutoCloseable {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final ServerSocket serverSocket;
    private final Received received;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<String> firstLines = new CopyOnWriteArrayList<>();
    private volatile boolean acknowledging = true;

    private AckingReceiver(ServerSocket serverSocket, Received received) {
        this.serverSocket = serverSocket;
        this.received = received;
        Thread acceptor = new Thread(this::acceptLoop, "test-acking-receiver-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    /** A receiver on 127.0.0.1:{@code port} (0 for an ephemeral port) recording into {@code received}. */
    static AckingReceiver start(int port, Received received) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(LoopbackServer.loopback(), port));
        return new AckingReceiver(socket, received);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** From now on, frames are read and recorded but not acknowledged. */
    void stopAcknowledging() {
        acknowledging = false;
    }

    /** The first line of each connection, in accept order. */
    List<String> firstLines() {
        return List.copyOf(firstLines);
    }

    /** Kills the receiver: resets every connection (what it had not read is lost) and releases the port. Idempotent. */
    void kill() throws IOException {
        serverSocket.close();
        for (Socket socket : sockets) {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        }
        join();
    }

    @Override
    public void close() throws IOException {
        kill();
    }

    private void join() {
        for (Thread thread : threads) {
            try {
                thread.join(LoopbackServer.WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not end");
            }
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(socket);
            Thread reader = new Thread(() -> serve(socket), "test-acking-receiver-read-" + sockets.size());
            reader.setDaemon(true);
            threads.add(reader);
            reader.start();
        }
    }

    private void serve(Socket socket) {
        boolean first = true;
        boolean asked = false;
        long handled = -1;
        long acked = -1;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        line.write(buffer[i]);
                        continue;
                    }
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (first) {
                        firstLines.add(text);
                        first = false;
                        if (text.equals("{\"ack_request\":true}")) {
                            asked = true;
                            continue;
                        }
                    }
                    Matcher seq = SEQ.matcher(text);
                    if (seq.find()) {
                        handled = Long.parseLong(seq.group(1));
                        received.handle(handled);
                    }
                }
                if (asked && acknowledging && handled > acked) {
                    out.write(("{\"ack\":" + handled + "}\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    acked = handled;
                }
            }
        } catch (IOException e) {
            // reset or killed: the end of this connection
        }
    }

    /** What receivers handled, across restarts: the distinct {@code seq} values and the duplicates dropped. */
    static final class Received {
        private final Set<Long> distinct = new LinkedHashSet<>();
        private final List<Long> duplicates = new ArrayList<>();

        synchronized void handle(long seq) {
            if (!distinct.add(seq)) {
                duplicates.add(seq);
            }
        }

        synchronized Set<Long> distinct() {
            return Set.copyOf(distinct);
        }

        synchronized List<Long> duplicates() {
            return List.copyOf(duplicates);
        }

        synchronized boolean contains(long seq) {
            return distinct.contains(seq);
        }
    }
}
