package org.townlet.app.listen;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import java.time.Duration;
import org.townlet.app.lifecycle.ShutdownHook;
import org.townlet.app.listen.http.DashboardServer;
import org.townlet.telemetry.core.consume.ConsumerCounters;
import org.townlet.telemetry.core.consume.StreamConsumer;

/**
 * One {@code townlet listen} (SPEC §19): starts the {@link Receiver}, prints a digest line every second, and ends on
 * {@code --max-frames}, {@code --idle-exit}, a failure of the output, {@link #requestStop()} or, from
 * {@link #execute()}, SIGINT/SIGTERM; then it stops every thread, prints the final counters on stderr and writes
 * {@code --state-out} and {@code --summary-json}. Exit code: 0; {@value #EXIT_STRICT_PROBLEM} under {@code --strict}
 * after a gap, duplicate or bad line; 1 after a local I/O error.
 *
 * <p>Threads: the caller runs {@link #start()}, {@link #awaitStopRequest()} and {@link #finish()} (or
 * {@link #execute()}, which does all three); the digest runs on {@value #DIGEST_THREAD}; the JVM shutdown hook
 * (a {@link ShutdownHook}, only with {@link #execute()}) asks for the stop, waits (bounded) until the summary is
 * written and ends the JVM with the listener's exit code. With {@code --http} the
 * {@link DashboardServer} runs its own threads; the receiver only hands it each applied frame, which never blocks.
 */
public final class ListenRun {
    // The exit codes of SPEC §19 that listen uses. (Not the cli package's ExitCodes: cli lists the listen command,
    // so depending on cli would make a package cycle, architecture rule 4.)
    /** Exit code: success. */
    public static final int EXIT_OK = 0;
    /** Exit code: a local I/O error (the output or the summary could not be written). */
    public static final int EXIT_RUNTIME_FAILURE = 1;
    /** Exit code under {@code --strict} after a gap, duplicate or bad line. */
    public static final int EXIT_STRICT_PROBLEM = 4;
    static final String DIGEST_THREAD = "townlet-listen-digest";
    /** The run id of the one stream a TCP listener receives, on the dashboard. */
    static final String TCP_RUN_ID = "tcp";
    /** How long the shutdown hook waits for the summary: the receiver's joins (2 s each) and the writes, with margin. */
    private static final long SHUTDOWN_WAIT_MILLIS = 8_000;
    private static final long IDLE_CHECK_MILLIS = 100;
    private static final System.Logger LOG = System.getLogger(ListenRun.class.getName());

    private final ListenSettings settings;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final StreamConsumer consumer;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicReference<Receiver.StopReason> stopReason = new AtomicReference<>();
    private final Object finishing = new Object();
    private FrameOutput output;
    private Receiver receiver;
    private DashboardServer dashboard;
    private ScheduledExecutorService digest;
    private long startedNanos;
    private Integer exitCode;

    /**
     * @param stdout where the digest (default) or the frames ({@code --raw}) go
     * @param stderr where the digest goes with {@code --out}/{@code --raw}, and the final counters
     */
    public ListenRun(ListenSettings settings, PrintStream stdout, PrintStream stderr) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.consumer = StreamConsumer.builder().maxLineBytes(settings.maxLineBytes()).build();
    }

    /** Runs the listener until it ends and returns its exit code; SIGINT/SIGTERM end it normally. */
    public int execute() {
        start();
        AtomicInteger exit = new AtomicInteger(-1);
        // A signal ends the listener normally (SPEC §19): the hook halts with its own code, not the signal's.
        ShutdownHook hook = ShutdownHook.install(Duration.ofMillis(SHUTDOWN_WAIT_MILLIS), this::requestStop, () -> {
            stdout.flush();
            stderr.flush();
        }, () -> exit.get() < 0 ? EXIT_RUNTIME_FAILURE : exit.get());
        try {
            awaitStopRequest();
            exit.set(finish());
        } finally {
            hook.runFinished();
            hook.uninstall();
        }
        return exit.get();
    }

    /**
     * Opens the output, binds the address and starts receiving and the digest.
     *
     * @throws org.townlet.app.config.ConfigurationException for a bad TLS file or {@code --bind} host (exit 2)
     * @throws UncheckedIOException for an output that cannot be opened or an address that cannot be bound (exit 1)
     */
    public void start() {
        SSLContext sslContext = settings.tls()
                ? ListenTls.serverContext(settings.tlsCert(), settings.tlsKey(), settings.tlsClientCa()) : null;
        FrameOutput opened = FrameOutput.open(settings, stdout);
        AtomicReference<Receiver> receiverRef = new AtomicReference<>();
        DashboardServer board = settings.httpPort() == null ? null
                : new DashboardServer(settings.bind(), settings.httpPort());
        DashboardServer.RunFeed feed = board == null ? null : board.addRun(TCP_RUN_ID, consumer,
                () -> receiverRef.get() == null ? 0 : receiverRef.get().connections());
        Receiver started = new Receiver(settings, consumer, opened, sslContext, this::stopFor,
                feed == null ? frame -> { } : feed::frameApplied);
        receiverRef.set(started);
        try {
            started.start();
            if (board != null) {
                board.start();
            }
        } catch (RuntimeException e) {
            started.close();
            opened.close();
            throw e;
        }
        output = opened;
        receiver = started;
        dashboard = board;
        startedNanos = System.nanoTime();
        LOG.log(Level.INFO, "Listening on " + settings.bind() + ":" + receiver.port() + " ("
                + (sslContext == null ? "plaintext" : settings.tlsClientCa() == null ? "TLS"
                : "TLS, client certificates required") + "); acknowledging producers that ask");
        if (dashboard != null) {
            LOG.log(Level.INFO, "Dashboard on http://" + hostForUrl(settings.bind()) + ":" + dashboard.port() + "/");
        }
        boolean printDigest = settings.digestOnStdout() || !settings.quiet();
        if (printDigest) {
            PrintStream target = settings.digestOnStdout() ? stdout : stderr;
            Digest lines = new Digest();
            digest = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, DIGEST_THREAD);
                thread.setDaemon(true);
                return thread;
            });
            digest.scheduleAtFixedRate(() -> {
                target.println(lines.next());
                target.flush();
            }, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** The bound port (the chosen one with {@code --port 0}). */
    public int port() {
        return receiver.port();
    }

    /** The dashboard's bound port; empty without {@code --http}. */
    public OptionalInt dashboardPort() {
        return dashboard == null ? OptionalInt.empty() : OptionalInt.of(dashboard.port());
    }

    /** The consumer the frames are applied to. */
    public StreamConsumer consumer() {
        return consumer;
    }

    /** Connections served so far. */
    public long connections() {
        return receiver.connections();
    }

    /** Acknowledgement lines written so far. */
    public long acksSent() {
        return receiver.acksSent();
    }

    /** Asks the listener to end; {@link #awaitStopRequest()} returns. Any thread; idempotent. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Waits until the listener should end: {@code --max-frames}, {@code --idle-exit}, an output failure, a request. */
    public void awaitStopRequest() {
        long idleNanos = settings.idleExit() == null ? 0 : settings.idleExit().toNanos();
        try {
            while (!stopRequested.await(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (idleNanos > 0 && System.nanoTime() - receiver.lastActivityNanos() >= idleNanos) {
                    LOG.log(Level.INFO, "Nothing received for " + settings.idleExit().toMillis() / 1e3
                            + " s (--idle-exit); stopping");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops receiving and the digest, closes the output, prints the final counters on stderr and writes the state and
     * the summary. Returns the exit code. Idempotent (later calls return the first code).
     */
    public int finish() {
        synchronized (finishing) {
            if (exitCode != null) {
                return exitCode;
            }
            if (receiver == null) {
                exitCode = EXIT_RUNTIME_FAILURE; // start() failed; it reported why
                return exitCode;
            }
            receiver.close();
            DashboardServer.Stats board = null;
            if (dashboard != null) {
                dashboard.close();
                board = dashboard.stats();
            }
            if (digest != null) {
                digest.shutdownNow();
                try {
                    digest.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            UncheckedIOException failure = stopReason.get() instanceof Receiver.StopReason.OutputFailed failed
                    ? failed.failure() : null;
            try {
                output.close();
            } catch (UncheckedIOException e) {
                failure = failure == null ? e : failure;
            }
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            ConsumerCounters counters = consumer.counters();
            ListenSummary summary = ListenSummary.of(counters, receiver.connections(), consumer.stale(),
                    consumer.lastSeq(), consumer.lastTick(), receiver.acksSent(), seconds, board);
            stderr.println(summary.toLine());
            try {
                if (settings.stateOut() != null) {
                    ListenSummary.writeAtomically(settings.stateOut(), consumer.state(), "--state-out");
                }
                if (settings.summaryJson() != null) {
                    summary.writeJson(settings.summaryJson());
                }
            } catch (UncheckedIOException e) {
                failure = failure == null ? e : failure;
            }
            int code = EXIT_OK;
            if (failure != null) {
                stderr.println("townlet: error: " + failure.getMessage());
                code = EXIT_RUNTIME_FAILURE;
            } else if (settings.strict() && counters.anyProblem()) {
                stderr.println("townlet listen: --strict: the stream had problems (gaps=" + counters.gaps()
                        + " duplicates=" + counters.duplicates() + " bad_lines=" + counters.badLines() + ")");
                code = EXIT_STRICT_PROBLEM;
            }
            stderr.flush();
            stdout.flush();
            exitCode = code;
            return code;
        }
    }

    /** {@code host} as it goes into a URL: an IPv6 address in brackets. */
    static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private void stopFor(Receiver.StopReason reason) {
        if (stopReason.compareAndSet(null, reason) && reason instanceof Receiver.StopReason.FrameLimit limit) {
            LOG.log(Level.INFO, "Received " + limit.frames() + " frames (--max-frames); stopping");
        }
        requestStop();
    }

    /** The digest line of SPEC §19, once per second: {@code tick= seq= frames= frames_per_s= gaps= duplicates= malformed=}. */
    private final class Digest {
        private long lastFrames;
        private long lastNanos = System.nanoTime();

        String next() {
            ConsumerCounters counters = consumer.counters();
            long now = System.nanoTime();
            double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
            double rate = (counters.frames() - lastFrames) / seconds;
            lastFrames = counters.frames();
            lastNanos = now;
            return "tick=" + text(consumer.lastTick()) + " seq=" + text(consumer.lastSeq())
                    + " frames=" + counters.frames()
                    + " frames_per_s=" + String.format(Locale.ROOT, "%.1f", rate)
                    + " gaps=" + counters.gaps()
                    + " duplicates=" + counters.duplicates()
                    + " malformed=" + counters.malformedTotal();
        }

        private String text(OptionalLong value) {
            return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
        }
    }
}
