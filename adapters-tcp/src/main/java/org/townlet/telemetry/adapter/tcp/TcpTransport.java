package org.townlet.telemetry.adapter.tcp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
import org.townlet.telemetry.api.transport.TransportCallbacks;
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
 * <p>A send writes the batch's frames in order through a {@value #WRITE_BUFFER_BYTES}-byte buffer and flushes once:
 * small frames leave in one system call, and a frame larger than the buffer goes to the socket from its own array,
 * never copied into a batch-sized one. A watchdog thread ({@value #WATCHDOG_THREAD_NAME}) closes the socket when the
 * batch's write takes longer than {@code send_timeout_seconds}, which unblocks it; any failure closes and forgets the
 * connection, and the next send reconnects. A connection found broken is reported once through
 * {@link TransportCallbacks#failed}, so the pipeline can tell what was written to it.
 *
 * <p><b>Acknowledged delivery</b> ({@code ack: true}, SPEC §12.3.1). Right after each connect (and TLS handshake) the
 * transport writes {@code {"ack_request":true}\n}, then resends its replay window in {@code seq} order, then starts a
 * reader thread ({@value #ACK_THREAD_NAME}) on the connection. A frame enters the window when the transport starts
 * writing it and leaves it when the receiver acknowledges it with a line {@code {"ack":<seq>}} (cumulative); the
 * reader then reports {@link TransportCallbacks#acknowledged} (before the window shrinks, both under the transport's
 * lock, so {@link #pendingBytes()} and the report never disagree). With acks, {@code send} returns normally once its
 * frames are in the window, even when the write fails (reported through {@code failed}); only a failed connect throws.
 * {@link #flush()} reconnects if needed (resending the window) and waits up to {@value #FLUSH_ACK_WAIT_MILLIS} ms for
 * the window to be acknowledged; a connection opened by a flush is reported as {@link SendReport#NEW_CONNECTION} by
 * the next send. Without acks, nothing is ever read from the connection.
 *
 * <p>Threads: the {@link org.townlet.telemetry.api.transport.Transport} methods are called only under the pipeline's
 * send lock (except that {@code stop()} may close a transport stuck in a send without it). The connection, the
 * window and the closed flag are shared with the ack reader and guarded by {@link #lock}; writes happen outside it.
 * The watchdog touches only the connection handed to its task (it closes that connection's plain socket, never the
 * TLS layer, whose close could wait behind the blocked write).
 */
final class TcpTransport implements Transport {
    /** The name of the watchdog thread. */
    static final String WATCHDOG_THREAD_NAME = "telemetry-tcp-watchdog";
    /** The name of the acknowledgement reader thread (one per connection, with acks). */
    static final String ACK_THREAD_NAME = "telemetry-tcp-acks";
    /** The control line that asks the receiver for acknowledgements (SPEC §12.3.1). */
    static final String ACK_REQUEST_LINE = "{\"ack_request\":true}\n";
    /** The connection's write buffer: frames smaller than this are gathered, larger ones written from their array. */
    static final int WRITE_BUFFER_BYTES = 1 << 16;
    private static final byte[] NO_PREFIX = new byte[0];
    /** How long {@link #flush()} waits for the window to be acknowledged. */
    static final long FLUSH_ACK_WAIT_MILLIS = 200;
    /** Longest acknowledgement line read; longer lines are skipped. */
    private static final int MAX_ACK_LINE_BYTES = 256;
    /** How long close() waits for each ack reader to end. */
    private static final Duration READER_STOP_TIMEOUT = Duration.ofSeconds(1);
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

    private final boolean ack;
    private final TransportCallbacks callbacks;

    /** Guards {@link #connection}, {@link #window}, {@link #windowBytes}; shared with the ack reader and close(). */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the window shrinks, the connection breaks or the transport closes. */
    private final Condition windowChanged = lock.newCondition();
    /** The open connection; null before the first send, after a failure and after close. */
    private Connection connection;
    /** With acks: frames written (or being written) and not acknowledged, in {@code seq} order. */
    private final ArrayDeque<EncodedFrame> window = new ArrayDeque<>();
    private long windowBytes;
    /** A socket being connected, so that close() can abort a connect in progress. */
    private volatile Socket connecting;
    private volatile boolean closed;
    /** Every ack reader started, joined by close(). */
    private final List<Thread> readers = new CopyOnWriteArrayList<>();

    // Send-lock state (send, flush, start, close).
    /** Created by start(), shut down by close(). */
    private ScheduledThreadPoolExecutor watchdog;
    /** Whether any connect of this transport has succeeded, so the next is a reconnect. */
    private boolean connectedBefore;
    /** A flush opened a connection after an earlier one; the next send reports it. */
    private boolean unreportedReconnect;
    /** Connects failed in a row; 0 after a success. */
    private int failedConnects;
    /** No connect is attempted before this instant; null when there is no backoff. */
    private Instant nextConnectAt;
    /** Why the last connect failed, repeated by the sends that fail fast during the backoff. */
    private String lastConnectError;
    private boolean started;

    TcpTransport(Endpoint endpoint, SSLContext sslContext, boolean verifyHostname, Duration connectTimeout,
                 Duration sendTimeout, TcpSettings.Retry retry, boolean ack, Clock clock, RandomGenerator random,
                 TransportCallbacks callbacks, System.Logger logger) {
        this.endpoint = endpoint;
        this.sslContext = sslContext;
        this.verifyHostname = verifyHostname;
        this.connectTimeout = connectTimeout;
        this.sendTimeout = sendTimeout;
        this.backoff = retry.backoff();
        this.backoffMax = retry.backoffMax();
        this.clock = clock;
        this.random = random;
        this.ack = ack;
        this.callbacks = callbacks;
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

    /**
     * Writes the batch over the connection, connecting first if there is none. Without acks, a failed write closes the
     * connection and throws. With acks, the frames enter the replay window before they are written, and a failed write
     * closes the connection, is reported through {@code failed}, and returns normally: the frames are resent after the
     * next connect. A failed connect throws in both modes, having written nothing of the batch.
     */
    @Override
    public SendReport send(FrameBatch batch) throws TransportException {
        if (closed) {
            throw new TransportException(closedMessage());
        }
        if (!started) {
            throw new IllegalStateException("tcp transport used before start()");
        }
        boolean reconnected = unreportedReconnect;
        Connection current = current();
        if (current == null) {
            current = connect();
            reconnected |= connectedBefore;
            connectedBefore = true;
        }
        unreportedReconnect = false;
        SendReport report = reconnected ? SendReport.NEW_CONNECTION : SendReport.SAME_CONNECTION;
        if (ack) {
            lock.lock();
            try {
                window.addAll(batch.frames());
                windowBytes += batch.totalBytes();
            } finally {
                lock.unlock();
            }
        }
        try {
            write(current, NO_PREFIX, batch.frames());
        } catch (IOException e) {
            String message = sendFailure(e);
            broken(current, message);
            if (!ack) {
                throw new TransportException(message, e);
            }
        }
        return report;
    }

    /**
     * Without acks: nothing to do, every batch is handed to the operating system when sent. With acks: when frames
     * wait in the window, reconnects if there is no connection (resending the window; a failed connect throws), then
     * waits up to {@value #FLUSH_ACK_WAIT_MILLIS} ms, or until interrupted, for the window to be acknowledged.
     */
    @Override
    public void flush() throws TransportException {
        if (!ack || closed || !started || pendingBytes() == 0) {
            return;
        }
        Connection current = current();
        if (current == null) {
            current = connect();
            unreportedReconnect |= connectedBefore;
            connectedBefore = true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_ACK_WAIT_MILLIS);
        lock.lock();
        try {
            while (!window.isEmpty() && connection == current && !closed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                windowChanged.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the connection (TLS: with close_notify, bounded in time), aborts a connect in progress, stops the ack
     * readers and the watchdog. Idempotent; safe from a thread that does not hold the send lock. The replay window is
     * kept ({@link #pendingBytes()} still reports it): the pipeline settles what was never acknowledged.
     */
    @Override
    public void close() {
        Connection current;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            current = connection;
            connection = null;
            windowChanged.signalAll();
        } finally {
            lock.unlock();
        }
        Socket pending = connecting;
        if (pending != null) {
            closeQuietly(pending);
        }
        try {
            if (current != null) {
                current.closing.set(true);
                closeGracefully(current);
            }
        } finally {
            stopReaders();
            stopWatchdog();
        }
    }

    /** With acks, the bytes of the frames written and not yet acknowledged; 0 without acks. */
    @Override
    public long pendingBytes() {
        lock.lock();
        try {
            return windowBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Visible for testing: whether a connection is open (a send has succeeded over it and none failed since). */
    boolean isConnected() {
        return current() != null;
    }

    /** Visible for testing: the number of frames in the replay window. */
    int windowFrames() {
        lock.lock();
        try {
            return window.size();
        } finally {
            lock.unlock();
        }
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
            int resent = 0;
            try {
                if (ack) {
                    resent = greet(opened);
                }
                install(opened);
            } catch (IOException | RuntimeException e) {
                opened.closing.set(true);
                opened.abort();
                closeQuietly(opened.socket());
                throw e;
            }
            if (connectedBefore) {
                logger.log(Level.INFO, "Reconnected to telemetry endpoint " + endpoint
                        + (resent > 0 ? "; resent " + resent + " unacknowledged frames" : ""));
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
            connecting = candidate;
            try {
                if (closed) {
                    throw new IOException(closedMessage());
                }
                candidate.setTcpNoDelay(true);
                candidate.connect(new InetSocketAddress(address, endpoint.port()), timeoutMillis);
                raw = candidate;
                break;
            } catch (IOException e) {
                connecting = null;
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
        try {
            if (sslContext == null) {
                return new Connection(raw, raw);
            }
            SSLSocket tls = handshake(raw, deadline, timeoutNanos > 0);
            return new Connection(raw, tls);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw e;
        } finally {
            connecting = null;
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
     * Writes {@code prefix}, then the frames in order, then flushes, all under one send timeout; the watchdog closes
     * the socket when it runs out.
     *
     * @throws SendTimeoutException when the watchdog fired (the write failed, or finished just as it fired)
     * @throws IOException          when the write failed
     */
    private void write(Connection current, byte[] prefix, List<EncodedFrame> frames) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timer = null;
        if (!sendTimeout.isZero()) {
            try {
                timer = watchdog.schedule(() -> {
                    timedOut.set(true);
                    current.abort();
                }, sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                throw new IOException(closedMessage(), e); // close() stopped the watchdog meanwhile
            }
        }
        try {
            OutputStream out = current.out();
            out.write(prefix);
            for (EncodedFrame frame : frames) {
                out.write(frame.bytes());
            }
            out.flush();
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new SendTimeoutException(e);
            }
            throw e;
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        if (timedOut.get()) {
            // the watchdog fired just as the write finished: the bytes are with the operating system, which still
            // sends them after the (graceful) close, but the connection is gone
            throw new SendTimeoutException(null);
        }
    }

    /** The watchdog closed the socket of a write that took longer than {@code send_timeout_seconds}. */
    private static final class SendTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        SendTimeoutException(IOException cause) {
            super("send timed out", cause);
        }
    }

    /** The user-facing message of a failed write. */
    private String sendFailure(IOException e) {
        if (e instanceof SendTimeoutException) {
            return "Timed out sending to telemetry endpoint " + endpoint + " after " + sendTimeout.toNanos() / 1e9
                    + " s";
        }
        return "Failed to send to telemetry endpoint " + endpoint + ": " + describe(e);
    }

    /** The open connection, or null. */
    private Connection current() {
        lock.lock();
        try {
            return connection;
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@code opened} the connection; fails when the transport was closed meanwhile. */
    private void install(Connection opened) throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException(closedMessage());
            }
            connection = opened;
        } finally {
            lock.unlock();
        }
    }

    /**
     * With acks, on a new connection: writes the ack request and the replay window (in {@code seq} order) under one
     * send timeout, then starts the connection's ack reader. Returns how many frames were resent.
     */
    private int greet(Connection opened) throws IOException {
        List<EncodedFrame> resend;
        lock.lock();
        try {
            resend = List.copyOf(window);
        } finally {
            lock.unlock();
        }
        write(opened, ACK_REQUEST_LINE.getBytes(StandardCharsets.US_ASCII), resend);
        Thread reader = new Thread(() -> readAcknowledgements(opened), ACK_THREAD_NAME);
        reader.setDaemon(true);
        readers.removeIf(thread -> !thread.isAlive());
        readers.add(reader);
        reader.start();
        return resend.size();
    }

    /**
     * The ack reader of one connection: applies every {@code {"ack":<seq>}} line until the connection ends. An end
     * that the transport did not cause (the receiver closed or reset it) makes the connection broken.
     */
    private void readAcknowledgements(Connection current) {
        String reason = "Telemetry endpoint " + endpoint + " closed the connection";
        try {
            InputStream in = current.socket().getInputStream();
            byte[] buffer = new byte[4096];
            byte[] line = new byte[MAX_ACK_LINE_BYTES];
            int length = 0;
            boolean overlong = false;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        if (!overlong) {
                            acknowledge(new String(line, 0, length, StandardCharsets.US_ASCII));
                        }
                        length = 0;
                        overlong = false;
                    } else if (length < line.length) {
                        line[length++] = b;
                    } else {
                        overlong = true;
                    }
                }
            }
        } catch (IOException e) {
            reason = "Connection to telemetry endpoint " + endpoint + " lost: " + describe(e);
        } catch (RuntimeException e) {
            reason = "Acknowledgement reader of telemetry endpoint " + endpoint + " failed: " + describe(e);
            logger.log(Level.ERROR, reason, e);
        }
        if (!closed && !current.closing.get()) {
            if (broken(current, reason)) {
                logger.log(Level.WARNING, reason + "; " + windowFrames()
                        + " unacknowledged frames will be resent after the next connect");
            }
        }
    }

    /** Applies one acknowledgement line; anything else is ignored (logged at DEBUG). */
    private void acknowledge(String line) {
        long seq = parseAck(line);
        if (seq < 0) {
            logger.log(Level.DEBUG, "Ignoring a line from telemetry endpoint " + endpoint + " that is not an "
                    + "acknowledgement: " + line);
            return;
        }
        lock.lock();
        try {
            long frames = 0;
            long bytes = 0;
            for (EncodedFrame frame : window) {
                if (frame.seq() > seq) {
                    break;
                }
                frames++;
                bytes += frame.size();
            }
            if (frames == 0) {
                return;
            }
            // report first, then shrink: a reader of pendingBytes() under the lock sees both or neither
            callbacks.acknowledged(seq, frames, bytes);
            for (long i = 0; i < frames; i++) {
                window.removeFirst();
            }
            windowBytes -= bytes;
            windowChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The {@code seq} of a line {@code {"ack":<seq>}} (spaces allowed around the tokens), or -1. */
    static long parseAck(String line) {
        String text = line.strip();
        if (!text.startsWith("{") || !text.endsWith("}")) {
            return -1;
        }
        String body = text.substring(1, text.length() - 1).strip();
        if (!body.startsWith("\"ack\"")) {
            return -1;
        }
        String rest = body.substring(5).strip();
        if (!rest.startsWith(":")) {
            return -1;
        }
        String digits = rest.substring(1).strip();
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }

    /**
     * {@code current} broke: forgets it (if it is still the connection), closes it at once and reports it through
     * {@code failed}, once per connection. Returns whether this call reported it.
     */
    private boolean broken(Connection current, String reason) {
        lock.lock();
        try {
            if (connection == current) {
                connection = null;
            }
            windowChanged.signalAll();
        } finally {
            lock.unlock();
        }
        current.abort();
        closeQuietly(current.socket());
        if (current.failureReported.compareAndSet(false, true)) {
            callbacks.failed(reason);
            return true;
        }
        return false;
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

    private void stopReaders() {
        for (Thread reader : readers) {
            if (reader == Thread.currentThread()) {
                continue;
            }
            try {
                reader.join(READER_STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (reader.isAlive()) {
                logger.log(Level.WARNING, "A tcp transport acknowledgement reader did not stop within "
                        + READER_STOP_TIMEOUT.toMillis() + " ms");
            }
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


    /** One open connection: the TCP socket, and what is written to and read from ({@code raw} itself, or TLS over it). */
    private static final class Connection {
        private final Socket raw;
        private final Socket socket;
        /** Buffered; written only by the sender, under the pipeline's send lock. */
        private final OutputStream out;
        /** Set when the transport itself closes the connection, so its reader does not report a failure. */
        final AtomicBoolean closing = new AtomicBoolean();
        /** Set by whoever reports the connection broken first (writer or reader). */
        final AtomicBoolean failureReported = new AtomicBoolean();

        Connection(Socket raw, Socket socket) throws IOException {
            this.raw = raw;
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER_BYTES);
        }

        Socket raw() {
            return raw;
        }

        Socket socket() {
            return socket;
        }

        OutputStream out() {
            return out;
        }

        /** Closes the TCP socket, which unblocks a write or read in progress; safe from any thread, any number of times. */
        void abort() {
            closeQuietly(raw);
        }
    }
}
