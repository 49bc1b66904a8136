package org.townlet.telemetry.core.worker;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.TransportCallbacks;

/**
 * The live values behind {@link TransportStatus} (SPEC §11.9): counters in {@link LongAdder}/{@link AtomicLong},
 * flags and last values in volatile fields. {@link #toStatus()} assembles a new immutable record from any thread.
 *
 * <p>Writers, by field group:
 * <ul>
 *   <li>the <b>publisher</b> on the simulation thread: {@code frames_built_total}, {@code keyframes_total}, transform
 *       drops, {@code ingest_errors_total}, {@code nonfinite_values_total} (through the public methods);</li>
 *   <li>the <b>buffer</b> under its lock (simulation or worker thread): {@code queue_length},
 *       {@code queue_length_peak};</li>
 *   <li>the <b>sender</b> under the send lock (worker thread, or a {@code fan_out} producer): everything about
 *       sends, flushes, retries and {@code connected};</li>
 *   <li>the <b>worker</b> lifecycle (worker thread, restarting thread, {@code stop()}): {@code worker_*};</li>
 *   <li>any thread that drops items: {@code dropped_messages} (backpressure on the simulation thread, failures on the
 *       worker thread, the stop deadline on the stopping thread), {@code blocked_ms_total};</li>
 *   <li>the <b>transport's helper threads</b> through {@link #transportCallbacks()}: acknowledgements (which settle
 *       frames as sent: {@code payloads_sent_total}, {@code bytes_sent_total}, {@code last_success_tick},
 *       {@code frames_unacked}) and broken connections ({@code connected}, {@code last_error}).</li>
 * </ul>
 * A status assembled while the pipeline runs is not an atomic snapshot across counters; once {@code stop()} has
 * returned it is exact, and {@code frames_built_total = payloads_sent_total + frames_dropped_total} holds.
 */
public final class PipelineCounters {
    // Fixed at construction.
    private final String provider;
    private final String backpressureStrategy;
    private final boolean tlsEnabled;
    private final boolean verifyHostname;
    private final boolean allowPlaintext;
    private final boolean authEnabled;

    // Publisher (simulation thread).
    private final LongAdder framesBuilt = new LongAdder();
    private final LongAdder keyframes = new LongAdder();
    private final LongAdder transformDrops = new LongAdder();
    private final LongAdder ingestErrors = new LongAdder();
    private final LongAdder nonfiniteValues = new LongAdder();

    // Buffer: written only under the buffer lock (one writer at a time, so the peak needs no compare-and-set) with
    // release stores, which cost the simulation thread's offer no fence; read lock-free (acquire) by toStatus().
    private final AtomicLong queueLength = new AtomicLong();
    private final AtomicLong queueLengthPeak = new AtomicLong();

    // Any thread that drops: backpressure (simulation), failed batches and crashes (worker), stop deadline (stopper).
    private final LongAdder droppedMessages = new LongAdder();
    // Simulation thread while blocked ({@code block}) or sending inline ({@code fan_out}); nanoseconds.
    private final LongAdder blockedNanos = new LongAdder();

    // Sender, under the send lock (worker thread or fan_out producer).
    private volatile boolean connected;
    private volatile String lastError;
    private volatile Long lastFailureTick;
    private volatile Long lastSuccessTick;
    private volatile Double lastFlushDurationMs;
    private volatile long lastFlushPayloadBytes;
    private volatile long lastBatchCount;
    private final LongAdder payloadsFlushed = new LongAdder();
    private final LongAdder bytesFlushed = new LongAdder();
    private final AtomicLong consecutiveSendFailures = new AtomicLong();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder payloadsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder payloadsFailed = new LongAdder();
    private final LongAdder reconnects = new LongAdder();

    // Acknowledged delivery (SPEC §12.3.1): frames handed to the transport and not settled yet, and the transport's
    // reports. The ledger's monitor is also the worker's settlement lock (see AckLedger).
    private final AckLedger ledger = new AckLedger(this);
    /** The transport acknowledges deliveries (found out by the worker at the first send); frames count as sent on ack. */
    private volatile boolean ackMode;
    private final LongAdder framesResent = new LongAdder();
    private final LongAdder framesUnconfirmed = new LongAdder();
    /** Connections the transport reported broken through {@link TransportCallbacks#failed}. */
    private final AtomicLong connectionFailures = new AtomicLong();
    private final TransportCallbacks callbacks = new Callbacks();

    // Worker lifecycle: worker thread (crash), restarting thread, start()/stop() caller.
    private volatile boolean workerAlive;
    private volatile String workerError;
    private final AtomicLong workerRestartCount = new AtomicLong();
    private volatile String lastWorkerError;

    /**
     * Counters at their initial values (SPEC §11.9).
     *
     * @param provider             the transport type, e.g. {@code stdout}
     * @param backpressureStrategy the configured strategy's name, e.g. {@code drop_oldest}
     * @param tlsEnabled           effective TLS setting (false for non-tcp transports)
     * @param verifyHostname       effective hostname verification (false for non-tcp transports)
     * @param allowPlaintext       effective plaintext permission (false for non-tcp transports)
     * @param authEnabled          {@code console_auth.enabled}
     */
    public PipelineCounters(String provider, String backpressureStrategy, boolean tlsEnabled, boolean verifyHostname,
                            boolean allowPlaintext, boolean authEnabled) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.backpressureStrategy = Objects.requireNonNull(backpressureStrategy, "backpressureStrategy");
        this.tlsEnabled = tlsEnabled;
        this.verifyHostname = verifyHostname;
        this.allowPlaintext = allowPlaintext;
        this.authEnabled = authEnabled;
    }

    // ---- publisher API (simulation thread) ----

    /** A frame's {@code seq} was assigned (before it is offered): {@code frames_built_total} + 1. */
    public void incrementFramesBuilt() {
        framesBuilt.increment();
    }

    /** A snapshot (keyframe) was built: {@code keyframes_total} + 1. */
    public void incrementKeyframes() {
        keyframes.increment();
    }

    /** A transform dropped {@code n} frames: adds to {@code frames_dropped_total} only (not {@code dropped_messages}). */
    public void addTransformDrops(long n) {
        transformDrops.add(requireCount(n));
    }

    /** An ingestion step failed (SPEC §3.2): {@code ingest_errors_total} + 1. */
    public void incrementIngestErrors() {
        ingestErrors.increment();
    }

    /** A non-finite number was written as {@code null} (SPEC §9.1): {@code nonfinite_values_total} + 1. */
    public void incrementNonfiniteValues() {
        nonfiniteValues.increment();
    }

    /** {@code frames_built_total}: the number of {@code seq} values assigned so far. */
    public long framesBuilt() {
        return framesBuilt.sum();
    }

    /**
     * A new immutable status from the current values. Safe from any thread; never throws (a value that could not be
     * represented is clamped to 0, which cannot happen with the writers of this package).
     */
    public TransportStatus toStatus() {
        long dropped = nonNegative(droppedMessages.sum());
        return TransportStatus.builder(provider, backpressureStrategy)
                .connected(connected)
                .droppedMessages(dropped)
                .lastError(lastError)
                .lastFailureTick(lastFailureTick)
                .lastSuccessTick(lastSuccessTick)
                .queueLength(nonNegative(queueLength.get()))
                .queueLengthPeak(nonNegative(queueLengthPeak.get()))
                .lastFlushDurationMs(lastFlushDurationMs)
                .lastFlushPayloadBytes(nonNegative(lastFlushPayloadBytes))
                .lastBatchCount(nonNegative(lastBatchCount))
                .payloadsFlushedTotal(nonNegative(payloadsFlushed.sum()))
                .bytesFlushedTotal(nonNegative(bytesFlushed.sum()))
                .consecutiveSendFailures(nonNegative(consecutiveSendFailures.get()))
                .sendFailuresTotal(nonNegative(sendFailures.sum()))
                .tlsEnabled(tlsEnabled)
                .verifyHostname(verifyHostname)
                .allowPlaintext(allowPlaintext)
                .workerAlive(workerAlive)
                .workerError(workerError)
                .workerRestartCount(nonNegative(workerRestartCount.get()))
                .lastWorkerError(lastWorkerError)
                .authEnabled(authEnabled)
                .payloadsSentTotal(nonNegative(payloadsSent.sum()))
                .bytesSentTotal(nonNegative(bytesSent.sum()))
                .payloadsFailedTotal(nonNegative(payloadsFailed.sum()))
                .blockedMsTotal(nonNegative(blockedNanos.sum() / 1_000_000L))
                .keyframesTotal(nonNegative(keyframes.sum()))
                .framesBuiltTotal(nonNegative(framesBuilt.sum()))
                .framesDroppedTotal(nonNegative(dropped + transformDrops.sum()))
                .framesUnacked(ackMode ? nonNegative(ledger.unackedFrames()) : 0L)
                .framesResentTotal(nonNegative(framesResent.sum()))
                .framesUnconfirmed(nonNegative(framesUnconfirmed.sum()))
                .reconnectsTotal(nonNegative(reconnects.sum()))
                .ingestErrorsTotal(nonNegative(ingestErrors.sum()))
                .nonfiniteValuesTotal(nonNegative(nonfiniteValues.sum()))
                .build();
    }

    // ---- transport callbacks ----

    /**
     * The callbacks to put in the pipeline's {@code TransportContext}, so that what the transport learns off the
     * worker thread reaches these counters and the worker (SPEC §12.1, §12.3.1):
     * <ul>
     *   <li>{@code acknowledged(seq, frames, bytes)}: every frame handed to the transport up to and including
     *       {@code seq} is delivered; those frames count as sent ({@code payloads_sent_total}, {@code bytes_sent_total},
     *       {@code last_success_tick}), {@code connected} becomes true, and a producer or worker waiting for room in
     *       the replay window is woken. The pipeline counts from its own record of the handed frames, so the
     *       {@code frames} and {@code bytes} reported are informational. After the stop deadline, ignored: what was
     *       unacknowledged then is counted as dropped.</li>
     *   <li>{@code failed(error)}: the transport's connection broke ({@code connected = false}, {@code last_error}).
     *       Reported while a send is in progress, the worker counts it as that send's failure (with acknowledgements
     *       the send returns normally); without acknowledgements, the frames written to the broken connection count in
     *       {@code frames_unconfirmed}.</li>
     * </ul>
     * Thread-safe and cheap; the same instance on every call.
     */
    public TransportCallbacks transportCallbacks() {
        return callbacks;
    }

    private final class Callbacks implements TransportCallbacks {
        @Override
        public void acknowledged(long seq, long frames, long bytes) {
            ledger.acknowledged(seq);
        }

        @Override
        public void failed(String error) {
            connectionFailed(error);
        }

        @Override
        public String toString() {
            return "PipelineCounters.transportCallbacks(" + provider + ")";
        }
    }

    // ---- worker package (buffer, sender, lifecycle) ----

    /** Buffer lock held: the buffer now holds {@code length} items. */
    void queueLength(long length) {
        queueLength.setRelease(length);
        if (length > queueLengthPeak.getPlain()) {
            queueLengthPeak.setRelease(length);
        }
    }

    /** {@code n} items were dropped by the worker side: {@code dropped_messages} (and so frames_dropped_total) + n. */
    void addDropped(long n) {
        droppedMessages.add(n);
    }

    /** A producer spent {@code nanos} blocked or sending inline. */
    void addBlockedNanos(long nanos) {
        blockedNanos.add(Math.max(0L, nanos));
    }

    /** Send lock held: a try of a batch succeeded. */
    void sendSucceeded(long frames, long bytes, long lastTick) {
        payloadsSent.add(frames);
        bytesSent.add(bytes);
        payloadsFlushed.add(frames);
        bytesFlushed.add(bytes);
        lastSuccessTick = lastTick;
        consecutiveSendFailures.set(0);
        connected = true;
    }

    /** Send lock held: a try of a batch failed with {@code error}. */
    void sendAttemptFailed(String error, long lastTick) {
        connected = false;
        lastError = error;
        lastFailureTick = lastTick;
        consecutiveSendFailures.incrementAndGet();
        sendFailures.increment();
    }

    /** Send lock held: a batch of {@code frames} failed for good and was dropped. */
    void batchFailed(long frames, long bytes) {
        payloadsFailed.add(frames);
        payloadsFlushed.add(frames);
        bytesFlushed.add(bytes);
        droppedMessages.add(frames);
    }

    /** Send lock held: a non-empty flush ended. */
    void flushCompleted(double durationMs, long batchCount, long payloadBytes) {
        lastFlushDurationMs = durationMs;
        lastBatchCount = batchCount;
        lastFlushPayloadBytes = payloadBytes;
    }

    /** Send lock held: the transport went over a new connection (or file). */
    void incrementReconnects() {
        reconnects.increment();
    }

    /** The record of frames handed to the transport and not settled; its monitor is the settlement lock. */
    AckLedger ledger() {
        return ledger;
    }

    /** The worker found that the transport acknowledges deliveries: from now on frames count as sent on ack. */
    void ackModeDetected() {
        ackMode = true;
    }

    /** Whether frames count as sent only when acknowledged. */
    boolean ackMode() {
        return ackMode;
    }

    /** The last send succeeded (and, with acks, no connection failure was reported since). */
    boolean connected() {
        return connected;
    }

    /** {@code last_error}, or null. */
    String lastError() {
        return lastError;
    }

    /** Send lock held, with acks: a batch was written (or its write failed and it waits in the replay window). */
    void framesHanded(long frames, long bytes) {
        payloadsFlushed.add(frames);
        bytesFlushed.add(bytes);
    }

    /** Send lock held, with acks: a batch was written without a failure; it is not sent until acknowledged. */
    void writeSucceeded() {
        consecutiveSendFailures.set(0);
        connected = true;
    }

    /** Ledger monitor held: the receiver acknowledged {@code frames} frames, the last of tick {@code lastTick}. */
    void acknowledged(long frames, long bytes, long lastTick) {
        payloadsSent.add(frames);
        bytesSent.add(bytes);
        lastSuccessTick = lastTick;
        consecutiveSendFailures.set(0);
        connected = true;
    }

    /** The transport reported a broken connection. */
    void connectionFailed(String error) {
        lastError = error;
        connected = false;
        connectionFailures.incrementAndGet();
    }

    /** How many connection failures the transport reported so far. */
    long connectionFailures() {
        return connectionFailures.get();
    }

    /**
     * Adds to {@code frames_resent_total}: frames written again after a reconnect (with acks). The transport reports no
     * count, so the worker counts the frames awaiting acknowledgement when it handed a batch (or a flush) to a
     * transport whose connection was down: the window the transport resends first. An acknowledgement that races with
     * the connection's failure can make it count a frame or two too many; the accounting of sent and dropped frames
     * does not depend on it.
     */
    void addFramesResent(long frames) {
        framesResent.add(frames);
    }

    /** Adds to {@code frames_unconfirmed}: frames written to a connection that later failed (tcp without acks). */
    void addFramesUnconfirmed(long frames) {
        framesUnconfirmed.add(frames);
    }

    /**
     * Stop deadline, with acks: {@code frames} written but never acknowledged. They count as dropped and as failed
     * for good (so {@code payloads_flushed_total = payloads_sent_total + payloads_failed_total} still holds).
     */
    void unacknowledgedAtStop(long frames) {
        payloadsFailed.add(frames);
        droppedMessages.add(frames);
    }

    /** A transport call outside a send failed (start, flush, close): {@code last_error}, not connected. */
    void transportError(String error) {
        lastError = error;
        connected = false;
    }

    /** The worker thread runs (start or restart). */
    void workerStarted() {
        workerError = null;
        workerAlive = true;
    }

    /** The worker loop failed with {@code error} ({@code "<SimpleClassName>: <message>"}). */
    void workerFailed(String error, Long failureTick) {
        workerAlive = false;
        workerError = error;
        lastWorkerError = error;
        connected = false;
        lastFailureTick = failureTick;
    }

    /** A restart was granted. */
    void incrementWorkerRestarts() {
        workerRestartCount.incrementAndGet();
    }

    /** The worker thread ended normally (stop). */
    void workerStopped() {
        workerAlive = false;
    }

    private static long requireCount(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("count must be >= 0; got " + n);
        }
        return n;
    }

    private static long nonNegative(long value) {
        return Math.max(0L, value);
    }
}
