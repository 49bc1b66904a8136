package org.townlet.telemetry.adapter.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;

/**
 * Streams each batch over one TCP connection, plaintext or TLS (SPEC §12.3).
 *
 * <p>Connects lazily: {@link #start()} opens nothing, and the first send connects. Each connect resolves the host
 * again, tries its addresses in order within {@code connect_timeout_seconds}, and for TLS completes the handshake
 * (hostname verification, SNI) before anything is written. A failed connect starts a backoff: the next connects wait
 * an exponential, jittered delay ({@code backoff_seconds · 2^(n−1)}, capped at {@code backoff_max_seconds}, drawn
 * uniformly from {@code [d/2, d]}), and sends inside that window fail at once without network I/O. A successful connect
 * resets the backoff, and a connection that is not the transport's first is reported as
 * {@link SendReport#NEW_CONNECTION} so the worker sends a keyframe next. Counters live in the pipeline.
 *
 * <p>A send is one write of the whole batch. A watchdog thread ({@value #WATCHDOG_THREAD_NAME}) closes the socket
 * when the write takes longer than {@code send_timeout_seconds}, which unblocks it; any failure closes and forgets the
 * connection, and the next send reconnects.
 *
 * <p>Threads: the {@link org.townlet.telemetry.api.transport.Transport} methods are called only under the pipeline's
 * send lock, so the fields need no synchronisation. The watchdog touches only the connection handed to its task (it
 * closes that connection's plain socket, never the TLS layer, whose close could wait behind the blocked write).
 */
final class TcpTransport implements Transport {
    /** The name of the watchdog thread. */
    static final String WATCHDOG_THREAD_NAME = "telemetry-tcp-watchdog";
    /** Bound on the graceful close (TLS close_notify) when there is no send timeout. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);
    /** How long close() waits for the watchdog thread to end. */
    private static final Duration WATCHDOG_STOP_TIMEOUT = Duration.ofSeconds(1);
    /** Exponent cap of the backoff doubling, far beyond any cap in range, so the arithmetic cannot overflow. */
    private static final int MAX_BACKOFF_EXPONENT = 30;

    private final Endpoint endpoint;
    /** Null for plaintext. */
    private final SSLContext sslContext;
    private final boolean verifyHostname;
    private final Duration connectTimeout;
    private final Duration sendTimeout;
    private final Duration backoff;
    private final Duration backoffMax;
    private final Clock clock;
    private final RandomGenerator random;
    private final System.Logger logger;

    /** Created by start(), shut down by close(). */
    private ScheduledThreadPoolExecutor watchdog;
    /** The open connection; null before the first send, after a failure and after close. */
    private Connection connection;
    /** Whether any connect of this transport has succeeded, so the next is a reconnect. */
    private boolean connectedBefore;
    /** Connects failed in a row; 0 after a success. */
    private int failedConnects;
    /** No connect is attempted before this instant; null when there is no backoff. */
    private Instant nextConnectAt;
    /** Why the last connect failed, repeated by the sends that fail fast during the backoff. */
    private String lastConnectError;
    private boolean started;
    private boolean closed;

    TcpTransport(Endpoint endpoint, SSLContext sslContext, boolean verifyHostname, Duration connectTimeout,
                 Duration sendTimeout, TcpSettings.Retry retry, Clock clock, RandomGenerator random,
                 System.Logger logger) {
        this.endpoint = endpoint;
        this.sslContext = sslContext;
        this.verifyHostname = verifyHostname;
        this.connectTimeout = connectTimeout;
        this.sendTimeout = sendTimeout;
        this.backoff = retry.backoff();
        this.backoffMax = retry.backoffMax();
        this.clock = clock;
        this.random = random;
        this.logger = logger;
    }

    /** Starts the watchdog thread and warns about plaintext to a host that is not loopback; connects nothing. */
    @Override
    public void start() throws TransportException {
        if (closed) {
            throw new TransportException(closedMessage());
        }
        if (started) {
            return;
        }
        started = true;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, WATCHDOG_THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        // every send schedules a timer and cancels it: drop cancelled timers at once rather than at their deadline
        executor.setRemoveOnCancelPolicy(true);
        executor.prestartCoreThread();
        watchdog = executor;
        if (sslContext == null && !endpoint.isLoopback()) {
            logger.log(Level.WARNING, "telemetry_tcp_plaintext_enabled endpoint=" + endpoint);
        }
    }

    @Override
    public SendReport send(FrameBatch batch) throws TransportException {
        if (closed) {
            throw new TransportException(closedMessage());
        }
        if (!started) {
            throw new IllegalStateException("tcp transport used before start()");
        }
        byte[] bytes = batch.concatenatedBytes();
        boolean reconnected = false;
        if (connection == null) {
            connection = connect();
            reconnected = connectedBefore;
            connectedBefore = true;
        }
        write(connection, bytes);
        return reconnected ? SendReport.NEW_CONNECTION : SendReport.SAME_CONNECTION;
    }

    /** Nothing is held in memory: every batch is handed to the operating system when sent. */
    @Override
    public void flush() {
    }

    /** Closes the connection (TLS: with close_notify, bounded in time) and stops the watchdog. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Connection current = connection;
        connection = null;
        try {
            if (current != null) {
                closeGracefully(current);
            }
        } finally {
            stopWatchdog();
        }
    }

    /** Visible for testing: whether a connection is open (a send has succeeded over it and none failed since). */
    boolean isConnected() {
        return connection != null;
    }

    /** Visible for testing: whether the transport speaks TLS. */
    boolean usesTls() {
        return sslContext != null;
    }

    private Connection connect() throws TransportException {
        if (nextConnectAt != null) {
            Instant now = clock.instant();
            if (now.isBefore(nextConnectAt)) {
                double wait = Duration.between(now, nextConnectAt).toNanos() / 1e9;
                throw new TransportException("Telemetry endpoint " + endpoint + " unreachable; next connect attempt in "
                        + String.format(Locale.ROOT, "%.3f", wait) + " s (last error: " + lastConnectError + ")");
            }
        }
        try {
            Connection opened = open();
            if (connectedBefore) {
                logger.log(Level.INFO, "Reconnected to telemetry endpoint " + endpoint);
            } else {
                logger.log(Level.DEBUG, "Connected to telemetry endpoint " + endpoint);
            }
            failedConnects = 0;
            nextConnectAt = null;
            lastConnectError = null;
            return opened;
        } catch (IOException | RuntimeException e) {
            failedConnects++;
            Duration delay = backoffDelay(failedConnects);
            nextConnectAt = delay.isZero() ? null : clock.instant().plus(delay);
            lastConnectError = describe(e);
            throw new TransportException("Failed to connect to telemetry endpoint " + endpoint + ": "
                    + lastConnectError, e);
        }
    }

    /**
     * The wait after the {@code failures}-th failed connect in a row: {@code d = min(backoff · 2^(failures−1),
     * backoffMax)}, drawn uniformly from {@code [d/2, d]}.
     */
    Duration backoffDelay(int failures) {
        int exponent = Math.min(failures - 1, MAX_BACKOFF_EXPONENT);
        double capped = Math.min(backoff.toNanos() * Math.pow(2, exponent), backoffMax.toNanos());
        if (capped <= 0) {
            return Duration.ZERO;
        }
        double jittered = capped / 2 + random.nextDouble() * (capped / 2);
        return Duration.ofNanos((long) jittered);
    }

    /** Resolves the host, connects to its first reachable address and, for TLS, completes the handshake. */
    private Connection open() throws IOException {
        long timeoutNanos = connectTimeout.toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        InetAddress[] addresses = InetAddress.getAllByName(endpoint.host());
        IOException failure = null;
        Socket raw = null;
        for (InetAddress address : addresses) {
            int timeoutMillis = 0;
            if (timeoutNanos > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                timeoutMillis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining));
            }
            Socket candidate = new Socket();
            try {
                candidate.setTcpNoDelay(true);
                candidate.connect(new InetSocketAddress(address, endpoint.port()), timeoutMillis);
                raw = candidate;
                break;
            } catch (IOException e) {
                closeQuietly(candidate);
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
            }
        }
        if (raw == null) {
            throw failure != null ? failure : new SocketTimeoutException("connect timed out");
        }
        if (sslContext == null) {
            return new Connection(raw, raw, raw.getOutputStream());
        }
        try {
            SSLSocket tls = handshake(raw, deadline, timeoutNanos > 0);
            return new Connection(raw, tls, tls.getOutputStream());
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** Layers TLS over {@code raw} and completes the handshake before the deadline (if any). */
    private SSLSocket handshake(Socket raw, long deadline, boolean bounded) throws IOException {
        SSLSocket tls = (SSLSocket) sslContext.getSocketFactory()
                .createSocket(raw, endpoint.host(), endpoint.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(tlsProtocols(tls.getSupportedProtocols()));
        if (verifyHostname) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        List<SNIServerName> serverNames = serverNames();
        if (!serverNames.isEmpty()) {
            parameters.setServerNames(serverNames);
        }
        tls.setSSLParameters(parameters);
        if (bounded) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("connect timed out before the TLS handshake");
            }
            tls.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        }
        tls.startHandshake();
        tls.setSoTimeout(0);
        return tls;
    }

    /** SNI names the host, unless it is an address literal (which SNI does not allow) or not a valid DNS name. */
    private List<SNIServerName> serverNames() {
        if (endpoint.isAddressLiteral()) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(endpoint.host()));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** TLS 1.3 and 1.2, as far as the JDK supports them; never anything older. */
    private static String[] tlsProtocols(String[] supported) {
        List<String> protocols = new ArrayList<>();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            if (List.of(supported).contains(protocol)) {
                protocols.add(protocol);
            }
        }
        return protocols.toArray(new String[0]);
    }

    /**
     * Writes {@code bytes} as one write under the send timeout. On failure the connection is closed and forgotten.
     */
    private void write(Connection current, byte[] bytes) throws TransportException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timer = null;
        if (!sendTimeout.isZero()) {
            timer = watchdog.schedule(() -> {
                timedOut.set(true);
                current.abort();
            }, sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        try {
            current.out().write(bytes);
            current.out().flush();
        } catch (IOException e) {
            discard(current);
            if (timedOut.get()) {
                throw new TransportException("Timed out sending to telemetry endpoint " + endpoint + " after "
                        + sendTimeout.toNanos() / 1e9 + " s", e);
            }
            throw new TransportException("Failed to send to telemetry endpoint " + endpoint + ": " + describe(e), e);
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        if (timedOut.get()) {
            // the watchdog fired just as the write finished: the bytes are with the operating system, which still
            // sends them after the (graceful) close, but the connection is gone
            discard(current);
        }
    }

    /** Closes a broken connection at once and forgets it. */
    private void discard(Connection broken) {
        if (connection == broken) {
            connection = null;
        }
        broken.abort();
        closeQuietly(broken.socket());
    }

    /** Closes {@code current} with a TLS close_notify, which the watchdog cuts short if the peer stopped reading. */
    private void closeGracefully(Connection current) {
        ScheduledFuture<?> timer = null;
        if (watchdog != null && current.socket() != current.raw()) {
            Duration bound = sendTimeout.isZero() ? CLOSE_TIMEOUT : sendTimeout;
            timer = watchdog.schedule(current::abort, bound.toNanos(), TimeUnit.NANOSECONDS);
        }
        closeQuietly(current.socket());
        current.abort();
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void stopWatchdog() {
        ScheduledThreadPoolExecutor executor = watchdog;
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(WATCHDOG_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.log(Level.WARNING, "The tcp transport watchdog did not stop within "
                        + WATCHDOG_STOP_TIMEOUT.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String closedMessage() {
        return "Telemetry tcp transport to " + endpoint + " is closed";
    }

    /** A user-facing reason for {@code e}: its message, or its type when it has none. */
    private static String describe(Throwable e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that is broken already: nothing to report
        }
    }


    /**
     * One open connection.
     *
     * @param raw    the TCP socket
     * @param socket what is written to: {@code raw} itself, or the TLS socket layered over it
     * @param out    {@code socket}'s output stream
     */
    private record Connection(Socket raw, Socket socket, OutputStream out) {
        /** Closes the TCP socket, which unblocks a write in progress; safe from any thread, any number of times. */
        void abort() {
            closeQuietly(raw);
        }
    }
}
