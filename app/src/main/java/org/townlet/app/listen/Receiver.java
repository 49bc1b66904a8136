package org.townlet.app.listen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.townlet.app.config.ConfigurationException;
import org.townlet.telemetry.core.consume.LineOutcome;
import org.townlet.telemetry.core.consume.LineReader;
import org.townlet.telemetry.core.consume.StreamConsumer;

/**
 * The network side of {@code townlet listen} (SPEC §19, §12.3.1): a TCP or TLS server on one address that serves one
 * producer at a time. Each line goes through the {@link StreamConsumer}; every frame that passes its rules 1–3 and is
 * not a duplicate is written to the {@link FrameOutput}. On a connection that began with
 * {@code {"ack_request":true}}, once no further line is buffered, the output is flushed to the operating system and
 * {@code {"ack":<seq>}} is written back for the highest {@code seq} the connection delivered and the receiver handled
 * (written, or skipped as a duplicate or a bad frame), so acknowledgements follow the frames within the time it takes
 * to read them.
 *
 * <p>A new connection, once its TLS handshake (if any) succeeded, closes the previous one, waits for its thread to end
 * and continues the same consumer state. Bad input never stops the receiver; a failure of the output does (it is
 * reported through the stop callback).
 *
 * <p>Threads: {@value #ACCEPT_THREAD} accepts; each connection is served on its own thread
 * ({@value #CONNECTION_THREAD_PREFIX}{@code n}). {@link #close()} closes the server socket and every connection and
 * joins every thread, bounded. All threads are daemons, so a stuck one never keeps the JVM alive.
 */
final class Receiver implements AutoCloseable {
    static final String ACCEPT_THREAD = "townlet-listen-accept";
    static final String CONNECTION_THREAD_PREFIX = "townlet-listen-conn-";
    /** How long a TLS client may take to complete its handshake. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a new connection waits for the previous one's thread, and close() for each thread. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(Receiver.class.getName());

    private final ListenSettings settings;
    private final StreamConsumer consumer;
    private final FrameOutput output;
    private final SSLContext sslContext;
    /** Told why the receiver must end: the frame limit was reached, or the output failed (then with its failure). */
    private final Consumer<StopReason> stopRequest;
    /** Told, on the connection's thread, of every frame the consumer applied (the dashboard); must not block. */
    private final Consumer<byte[]> appliedFrames;

    private final Object takeover = new Object();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong acksSent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean closed;
    private ServerSocket serverSocket;
    /** The connection serving the producer; guarded by {@link #takeover}. */
    private Connection active;

    /** Why the receiver asks to end. */
    sealed interface StopReason {
        /** {@code --max-frames} frames were counted. */
        record FrameLimit(long frames) implements StopReason {
        }

        /** The frame output failed: a local I/O error. */
        record OutputFailed(UncheckedIOException failure) implements StopReason {
        }
    }

    Receiver(ListenSettings settings, StreamConsumer consumer, FrameOutput output, SSLContext sslContext,
             Consumer<StopReason> stopRequest, Consumer<byte[]> appliedFrames) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.output = Objects.requireNonNull(output, "output");
        this.sslContext = sslContext;
        this.stopRequest = Objects.requireNonNull(stopRequest, "stopRequest");
        this.appliedFrames = Objects.requireNonNull(appliedFrames, "appliedFrames");
    }

    /**
     * Binds the address and starts accepting.
     *
     * @throws ConfigurationException when {@code --bind} names no known host
     * @throws UncheckedIOException   when the address cannot be bound (in use, not local)
     */
    void start() {
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.bind());
        } catch (UnknownHostException e) {
            throw new ConfigurationException("--bind: unknown host " + settings.bind(), e);
        }
        ServerSocket socket = null;
        try {
            if (sslContext != null) {
                SSLServerSocket tls = (SSLServerSocket) sslContext.getServerSocketFactory().createServerSocket();
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setProtocols(tlsProtocols(tls.getSupportedProtocols()));
                parameters.setNeedClientAuth(settings.tlsClientCa() != null);
                tls.setSSLParameters(parameters);
                socket = tls;
            } else {
                socket = new ServerSocket();
            }
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, settings.port()), 50);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        serverSocket = socket;
        lastActivityNanos = System.nanoTime();
        Thread acceptor = new Thread(this::acceptLoop, ACCEPT_THREAD);
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    /** The bound port (the chosen one when {@code --port 0}). */
    int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections that became the producer's (TLS: after a successful handshake). */
    long connections() {
        return connections.get();
    }

    /** Acknowledgement lines written. */
    long acksSent() {
        return acksSent.get();
    }

    /** When the last line arrived or a connection was accepted (or the receiver started), in {@code nanoTime}. */
    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** Closes the server socket and every connection and joins every thread, each within 2 s. Idempotent. */
    @Override
    public void close() {
        Connection current;
        synchronized (takeover) {
            if (closed) {
                return;
            }
            closed = true;
            current = active;
            active = null;
        }
        closeQuietly(serverSocket);
        if (current != null) {
            current.closeSocket();
        }
        for (Thread thread : threads) {
            if (thread != Thread.currentThread()) {
                join(thread);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "Accepting a connection failed: " + e.getMessage());
                }
                if (serverSocket.isClosed()) {
                    return;
                }
                continue;
            }
            lastActivityNanos = System.nanoTime();
            long number = accepted.incrementAndGet();
            Connection connection = new Connection(socket, number);
            Thread thread = new Thread(connection::run, CONNECTION_THREAD_PREFIX + number);
            thread.setDaemon(true);
            connection.thread = thread;
            threads.removeIf(t -> !t.isAlive() && !t.getName().equals(ACCEPT_THREAD));
            threads.add(thread);
            thread.start();
        }
    }

    /** One accepted connection. */
    private final class Connection {
        private final Socket socket;
        private final long number;
        private final String peer;
        private volatile Thread thread;
        private volatile boolean closing;

        Connection(Socket socket, long number) {
            this.socket = socket;
            this.number = number;
            this.peer = String.valueOf(socket.getRemoteSocketAddress());
        }

        void run() {
            if (!handshake()) {
                return;
            }
            Connection previous;
            synchronized (takeover) {
                if (closed) {
                    closeSocket();
                    return;
                }
                previous = active;
                active = this;
            }
            connections.incrementAndGet();
            if (previous != null) {
                LOG.log(Level.INFO, "Producer connected from " + peer + "; closing the previous connection from "
                        + previous.peer + " (one producer at a time)");
                previous.closeSocket();
                Thread previousThread = previous.thread;
                if (previousThread != null) {
                    join(previousThread);
                }
            } else {
                LOG.log(Level.INFO, "Producer connected from " + peer);
            }
            try {
                serve();
            } finally {
                closeSocket();
                synchronized (takeover) {
                    if (active == this) {
                        active = null;
                    }
                }
            }
        }

        /** TLS: completes the handshake within the timeout; false (logged, closed) when it fails. */
        private boolean handshake() {
            if (!(socket instanceof SSLSocket tls)) {
                return true;
            }
            try {
                tls.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
                tls.startHandshake();
                tls.setSoTimeout(0);
                return true;
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "TLS handshake with " + peer + " failed: " + e.getMessage());
                }
                closeSocket();
                return false;
            }
        }

        private void serve() {
            boolean acknowledging = false;
            boolean firstLine = true;
            boolean handledAny = false;
            long handled = 0;
            boolean ackedAny = false;
            long acked = 0;
            try {
                InputStream in = socket.getInputStream();
                OutputStream acks = socket.getOutputStream();
                LineReader reader = consumer.lineReader(in);
                LineReader.Line line;
                while ((line = reader.next()) != null) {
                    lastActivityNanos = System.nanoTime();
                    LineOutcome outcome = consumer.accept(line);
                    if (outcome.kind() == LineOutcome.Kind.ACK_REQUEST) {
                        if (firstLine) {
                            acknowledging = true;
                            LOG.log(Level.DEBUG, "Producer " + peer + " asked for acknowledgements");
                        } else {
                            LOG.log(Level.DEBUG, "Ignoring an ack request from " + peer
                                    + " that did not begin its connection");
                        }
                    } else {
                        if (outcome.frame() && line instanceof LineReader.Line.Complete complete) {
                            output.write(complete.bytes());
                            if (outcome.applied()) {
                                appliedFrames.accept(complete.bytes());
                            }
                        }
                        if (outcome.seq().isPresent()) {
                            // acknowledgements are cumulative: the highest seq this connection delivered
                            handled = handledAny ? Math.max(handled, outcome.seq().getAsLong())
                                    : outcome.seq().getAsLong();
                            handledAny = true;
                        }
                    }
                    firstLine = false;
                    boolean limitReached = outcome.frame() && settings.maxFrames() > 0
                            && consumer.counters().frames() >= settings.maxFrames();
                    if (limitReached || !reader.lineBuffered()) {
                        output.flush();
                        if (acknowledging && handledAny && (!ackedAny || handled > acked)) {
                            acks.write(("{\"ack\":" + handled + "}\n").getBytes(StandardCharsets.US_ASCII));
                            acks.flush();
                            acksSent.incrementAndGet();
                            acked = handled;
                            ackedAny = true;
                        }
                    }
                    if (limitReached) {
                        stopRequest.accept(new StopReason.FrameLimit(consumer.counters().frames()));
                        return;
                    }
                }
                output.flush();
                LOG.log(Level.INFO, "Producer " + peer + " closed the connection");
            } catch (UncheckedIOException e) {
                LOG.log(Level.ERROR, e.getMessage());
                stopRequest.accept(new StopReason.OutputFailed(e));
            } catch (SocketException e) {
                if (!closing && !closed) {
                    LOG.log(Level.INFO, "Connection from " + peer + " ended: " + e.getMessage());
                }
            } catch (IOException e) {
                if (!closing && !closed) {
                    LOG.log(Level.WARNING, "Connection from " + peer + " failed: " + e.getMessage());
                }
            } catch (RuntimeException e) {
                // never expected (the consumer counts bad input instead of throwing); never fatal to the receiver
                LOG.log(Level.ERROR, "Connection from " + peer + " failed: " + e, e);
            }
        }

        void closeSocket() {
            closing = true;
            closeQuietly(socket);
        }

        @Override
        public String toString() {
            return "connection " + number + " from " + peer;
        }
    }

    /** TLS 1.3 and 1.2, as far as the JDK supports them. */
    private static String[] tlsProtocols(String[] supported) {
        return List.of("TLSv1.3", "TLSv1.2").stream().filter(List.of(supported)::contains).toArray(String[]::new);
    }

    private static void join(Thread thread) {
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (thread.isAlive()) {
            LOG.log(Level.WARNING, "Thread " + thread.getName() + " did not end within " + JOIN_TIMEOUT.toMillis()
                    + " ms");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing on the way out: nothing to report
        }
    }
}
