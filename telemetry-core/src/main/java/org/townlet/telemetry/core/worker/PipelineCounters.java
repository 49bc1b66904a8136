package org.townlet.telemetry.core.worker;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.townlet.telemetry.api.status.TransportStatus;

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
 *       worker thread, the stop deadline on the stopping thread), {@code blocked_ms_total}.</li>
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

    // Buffer, under the buffer lock; read lock-free.
    private volatile long queueLength;
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

    // Transport-reported (acknowledged delivery, SPEC §12.3.1); written by whoever relays the transport's callbacks.
    private volatile long framesUnacked;
    private final LongAdder framesResent = new LongAdder();
    private volatile long framesUnconfirmed;

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
                .queueLength(nonNegative(queueLength))
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
                .framesUnacked(nonNegative(framesUnacked))
                .framesResentTotal(nonNegative(framesResent.sum()))
                .framesUnconfirmed(nonNegative(framesUnconfirmed))
                .reconnectsTotal(nonNegative(reconnects.sum()))
                .ingestErrorsTotal(nonNegative(ingestErrors.sum()))
                .nonfiniteValuesTotal(nonNegative(nonfiniteValues.sum()))
                .build();
    }

    // ---- transport-reported values (acknowledged delivery), for whoever relays TransportCallbacks ----

    /** Sets {@code frames_unacked}: frames written but not yet acknowledged (with acks). */
    public void setFramesUnacked(long frames) {
        framesUnacked = requireCount(frames);
    }

    /** Adds to {@code frames_resent_total}: frames written again after a reconnect (with acks). */
    public void addFramesResent(long frames) {
        framesResent.add(requireCount(frames));
    }

    /** Sets {@code frames_unconfirmed}: frames written to a tcp socket without acks and not known to be read. */
    public void setFramesUnconfirmed(long frames) {
        framesUnconfirmed = requireCount(frames);
    }

    // ---- worker package (buffer, sender, lifecycle) ----

    /** Buffer lock held: the buffer now holds {@code length} items. */
    void queueLength(long length) {
        queueLength = length;
        queueLengthPeak.accumulateAndGet(length, Math::max);
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
