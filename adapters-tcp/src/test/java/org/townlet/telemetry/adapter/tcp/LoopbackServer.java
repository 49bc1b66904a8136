package org.townlet.telemetry.adapter.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A test server on 127.0.0.1: accepts every connection on a thread of its own and reads each one to the end on
 * another, recording what arrived. For TLS it completes the handshake first, recording the client's certificates or
 * the handshake's failure. {@link #close()} closes every socket and joins every thread.
 */
final class LoopbackServer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final ServerSocket serverSocket;
    private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private final List<Accepted> all = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private LoopbackServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        Thread acceptor = new Thread(this::acceptLoop, "test-server-accept-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    /** A plaintext server on an ephemeral port. */
    static LoopbackServer plaintext() throws IOException {
        return plaintext(0);
    }

    /** A plaintext server on {@code port} (0 for an ephemeral one). */
    static LoopbackServer plaintext(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(loopback(), port));
        return new LoopbackServer(socket);
    }

    /** A TLS server on an ephemeral port, requiring a client certificate when {@code needClientAuth}. */
    static LoopbackServer tls(SSLContext context, boolean needClientAuth) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, loopback());
        socket.setNeedClientAuth(needClientAuth);
        return new LoopbackServer(socket);
    }

    static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** The next connection accepted (in accept order), waiting for it. */
    Accepted awaitConnection() throws InterruptedException {
        Accepted next = accepted.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no connection accepted within " + WAIT);
        }
        return next;
    }

    /** How many connections were accepted so far. */
    int connectionCount() {
        return all.size();
    }

    /** Closes the listening socket and every connection, and waits for every thread of the server to end. */
    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Accepted connection : all) {
            connection.socket.close();
        }
        try {
            for (Thread thread : threads) {
                thread.join(WAIT.toMillis());
                if (thread.isAlive()) {
                    throw new AssertionError(thread.getName() + " did not end within " + WAIT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            Accepted connection = new Accepted(socket);
            all.add(connection);
            Thread reader = new Thread(connection::readToEnd, "test-server-read-" + all.size());
            reader.setDaemon(true);
            threads.add(reader);
            reader.start();
            accepted.add(connection);
        }
    }

    /** One accepted connection. */
    static final class Accepted {
        private final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final List<Certificate> peerCertificates = new ArrayList<>();
        private boolean ended;
        private boolean handshaken;
        private Exception failure;

        Accepted(Socket socket) {
            this.socket = socket;
        }

        /** Waits until at least {@code text}'s length in bytes arrived, and returns what arrived. */
        String awaitText(String text) throws InterruptedException {
            return awaitBytes(text.getBytes(StandardCharsets.UTF_8).length);
        }

        /** Waits until at least {@code count} bytes arrived (or the connection ended), and returns them. */
        synchronized String awaitBytes(int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.size() < count && !ended) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("only " + received.size() + " of " + count + " bytes arrived");
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
            return received.toString(StandardCharsets.UTF_8);
        }

        /** Waits until the connection ended (the peer closed it or it broke), and returns what arrived. */
        synchronized String awaitEnd() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!ended) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new AssertionError("the connection did not end within " + WAIT);
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
            return received.toString(StandardCharsets.UTF_8);
        }

        /** The TLS handshake's failure, or null. Call after {@link #awaitEnd()}. */
        synchronized Exception failure() {
            return failure;
        }

        /** Whether the TLS handshake completed. Call after {@link #awaitBytes} or {@link #awaitEnd()}. */
        synchronized boolean handshaken() {
            return handshaken;
        }

        /** The client's certificates (TLS with client authentication). */
        synchronized List<Certificate> peerCertificates() {
            return List.copyOf(peerCertificates);
        }

        /** Resets the connection (SO_LINGER 0), so the client's next writes fail. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        private void readToEnd() {
            try {
                if (socket instanceof SSLSocket tls) {
                    tls.startHandshake();
                    synchronized (this) {
                        handshaken = true;
                        if (tls.getNeedClientAuth()) {
                            peerCertificates.addAll(List.of(tls.getSession().getPeerCertificates()));
                        }
                    }
                }
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        received.write(buffer, 0, n);
                        notifyAll();
                    }
                }
            } catch (SocketException e) {
                // closed by the test or reset by the peer: the end of this connection
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                }
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }
    }
}
