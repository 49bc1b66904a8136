package org.townlet.telemetry.core.worker;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.TransportCallbacks;

/**
 * The live values behind {@link TransportStatus} (SPEC §11.9): counters and last numbers in one
 * {@link AtomicLongArray} grouped by writer (see the field comments), flags and texts in volatile fields.
 * {@link #toStatus()} assembles a new immutable record from any thread.
 *
 * <p>Writers, by field group:
 * <ul>
 *   <li>the <b>publisher</b> (through the public methods): {@code frames_built_total} on the simulation thread,
 *       {@code ingest_errors_total} on whichever thread ingests; its frame producer on the worker thread:
 *       {@code keyframes_total}, transform drops, {@code nonfinite_values_total};</li>
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

    // Every counter and "last" number lives in one array, grouped by who writes it, so that toStatus() on the
    // simulation thread (once per tick) reads a handful of cache lines instead of one object per counter, most of them
    // just written by the worker on the other core. Groups are PAD slots apart so the simulation's writes and the
    // worker's writes do not share a line. Nullable numbers use NONE.
    /** The simulation thread (frames built, ingestion errors, backpressure drops and blocking); any dropper. */
    private static final int FRAMES_BUILT = 0;
    private static final int INGEST_ERRORS = 1;
    private static final int DROPPED = 2;
    private static final int BLOCKED_NANOS = 3;
    private static final int PAD = 8;
    /** The buffer, under its lock (either thread). */
    private static final int QUEUE_LENGTH = 4 + PAD;
    private static final int QUEUE_PEAK = QUEUE_LENGTH + 1;
    /** The worker: the producer (keyframes, transform drops, non-finite values) and the sender (send lock). */
    private static final int KEYFRAMES = QUEUE_PEAK + 1 + PAD;
    private static final int TRANSFORM_DROPS = KEYFRAMES + 1;
    private static final int NONFINITE = KEYFRAMES + 2;
    private static final int PAYLOADS_FLUSHED = KEYFRAMES + 3;
    private static final int BYTES_FLUSHED = KEYFRAMES + 4;
    private static final int CONSECUTIVE_FAILURES = KEYFRAMES + 5;
    private static final int SEND_FAILURES = KEYFRAMES + 6;
    private static final int PAYLOADS_SENT = KEYFRAMES + 7;
    private static final int BYTES_SENT = KEYFRAMES + 8;
    private static final int PAYLOADS_FAILED = KEYFRAMES + 9;
    private static final int RECONNECTS = KEYFRAMES + 10;
    private static final int FRAMES_RESENT = KEYFRAMES + 11;
    private static final int FRAMES_UNCONFIRMED = KEYFRAMES + 12;
    private static final int LAST_FLUSH_PAYLOAD_BYTES = KEYFRAMES + 13;
    private static final int LAST_BATCH_COUNT = KEYFRAMES + 14;
    private static final int LAST_SUCCESS_TICK = KEYFRAMES + 15;
    private static final int LAST_FAILURE_TICK = KEYFRAMES + 16;
    private static final int LAST_FLUSH_DURATION_BITS = KEYFRAMES + 17;
    private static final int SIZE = LAST_FLUSH_DURATION_BITS + 1 + PAD;
    /** "No value yet" for the nullable numbers (a NaN bit pattern, never a tick or a real duration). */
    private static final long NONE = 0x7ff8_0000_dead_0001L;

    private final AtomicLongArray values = new AtomicLongArray(SIZE);

    // Sender, under the send lock (worker thread or fan_out producer), and transport callbacks.
    private volatile boolean connected;
    private volatile String lastError;

    // Acknowledged delivery (SPEC §12.3.1): frames handed to the transport and not settled yet, and the transport's
    // reports. The ledger's monitor is also the worker's settlement lock (see AckLedger).
    private final AckLedger ledger = new AckLedger(this);
    /** The transport acknowledges deliveries (found out by the worker at the first send); frames count as sent on ack. */
    private volatile boolean ackMode;
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
        values.set(LAST_SUCCESS_TICK, NONE);
        values.set(LAST_FAILURE_TICK, NONE);
        values.set(LAST_FLUSH_DURATION_BITS, NONE);
    }

    // ---- publisher API (see the class comment for which thread writes what) ----

    /**
     * A frame's {@code seq} is assigned (before it is offered): {@code frames_built_total} + 1. Returns the total
     * before, which is that {@code seq} (seqs start at 0 and every frame built takes the next), so the assigning thread
     * pays one atomic operation, not a read and then an increment.
     */
    public long incrementFramesBuilt() {
        return values.getAndIncrement(FRAMES_BUILT);
    }

    /** A snapshot (keyframe) was built: {@code keyframes_total} + 1. */
    public void incrementKeyframes() {
        values.getAndIncrement(KEYFRAMES);
    }

    /** A transform dropped {@code n} frames: adds to {@code frames_dropped_total} only (not {@code dropped_messages}). */
    public void addTransformDrops(long n) {
        values.getAndAdd(TRANSFORM_DROPS, requireCount(n));
    }

    /** An ingestion step failed (SPEC §3.2): {@code ingest_errors_total} + 1. */
    public void incrementIngestErrors() {
        values.getAndIncrement(INGEST_ERRORS);
    }

    /** A non-finite number was written as {@code null} (SPEC §9.1): {@code nonfinite_values_total} + 1. */
    public void incrementNonfiniteValues() {
        values.getAndIncrement(NONFINITE);
    }

    /** Adds {@code count} to {@code nonfinite_values_total} (a document built ahead, when it is used). */
    public void addNonfiniteValues(long count) {
        if (count > 0) {
            values.getAndAdd(NONFINITE, count);
        }
    }

    /** {@code frames_built_total}: the number of {@code seq} values assigned so far. */
    public long framesBuilt() {
        return values.get(FRAMES_BUILT);
    }

    /**
     * A new immutable status from the current values. Safe from any thread; never throws (a value that could not be
     * represented is clamped to 0, which cannot happen with the writers of this package).
     */
    public TransportStatus toStatus() {
        long dropped = nonNegative(values.get(DROPPED));
        return TransportStatus.builder(provider, backpressureStrategy)
                .connected(connected)
                .droppedMessages(dropped)
                .lastError(lastError)
                .lastFailureTick(nullable(values.get(LAST_FAILURE_TICK)))
                .lastSuccessTick(nullable(values.get(LAST_SUCCESS_TICK)))
                .queueLength(nonNegative(values.get(QUEUE_LENGTH)))
                .queueLengthPeak(nonNegative(values.get(QUEUE_PEAK)))
                .lastFlushDurationMs(nullableDouble(values.get(LAST_FLUSH_DURATION_BITS)))
                .lastFlushPayloadBytes(nonNegative(values.get(LAST_FLUSH_PAYLOAD_BYTES)))
                .lastBatchCount(nonNegative(values.get(LAST_BATCH_COUNT)))
                .payloadsFlushedTotal(nonNegative(values.get(PAYLOADS_FLUSHED)))
                .bytesFlushedTotal(nonNegative(values.get(BYTES_FLUSHED)))
                .consecutiveSendFailures(nonNegative(values.get(CONSECUTIVE_FAILURES)))
                .sendFailuresTotal(nonNegative(values.get(SEND_FAILURES)))
                .tlsEnabled(tlsEnabled)
                .verifyHostname(verifyHostname)
                .allowPlaintext(allowPlaintext)
                .workerAlive(workerAlive)
                .workerError(workerError)
                .workerRestartCount(nonNegative(workerRestartCount.get()))
                .lastWorkerError(lastWorkerError)
                .authEnabled(authEnabled)
                .payloadsSentTotal(nonNegative(values.get(PAYLOADS_SENT)))
                .bytesSentTotal(nonNegative(values.get(BYTES_SENT)))
                .payloadsFailedTotal(nonNegative(values.get(PAYLOADS_FAILED)))
                .blockedMsTotal(nonNegative(values.get(BLOCKED_NANOS) / 1_000_000L))
                .keyframesTotal(nonNegative(values.get(KEYFRAMES)))
                .framesBuiltTotal(nonNegative(values.get(FRAMES_BUILT)))
                .framesDroppedTotal(nonNegative(dropped + values.get(TRANSFORM_DROPS)))
                .framesUnacked(ackMode ? nonNegative(ledger.unackedFrames()) : 0L)
                .framesResentTotal(nonNegative(values.get(FRAMES_RESENT)))
                .framesUnconfirmed(nonNegative(values.get(FRAMES_UNCONFIRMED)))
                .reconnectsTotal(nonNegative(values.get(RECONNECTS)))
                .ingestErrorsTotal(nonNegative(values.get(INGEST_ERRORS)))
                .nonfiniteValuesTotal(nonNegative(values.get(NONFINITE)))
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
        values.setRelease(QUEUE_LENGTH, length);
        if (length > values.getPlain(QUEUE_PEAK)) {
            values.setRelease(QUEUE_PEAK, length);
        }
    }

    /** {@code n} items were dropped by the worker side: {@code dropped_messages} (and so frames_dropped_total) + n. */
    void addDropped(long n) {
        values.getAndAdd(DROPPED, n);
    }

    /** A producer spent {@code nanos} blocked or sending inline. */
    void addBlockedNanos(long nanos) {
        values.getAndAdd(BLOCKED_NANOS, Math.max(0L, nanos));
    }

    /** Send lock held: a try of a batch succeeded. */
    void sendSucceeded(long frames, long bytes, long lastTick) {
        values.getAndAdd(PAYLOADS_SENT, frames);
        values.getAndAdd(BYTES_SENT, bytes);
        values.getAndAdd(PAYLOADS_FLUSHED, frames);
        values.getAndAdd(BYTES_FLUSHED, bytes);
        values.setRelease(LAST_SUCCESS_TICK, lastTick);
        values.set(CONSECUTIVE_FAILURES, 0);
        markConnected();
    }

    /** Send lock held: a try of a batch failed with {@code error}. */
    void sendAttemptFailed(String error, long lastTick) {
        connected = false;
        lastError = error;
        values.setRelease(LAST_FAILURE_TICK, lastTick);
        values.getAndIncrement(CONSECUTIVE_FAILURES);
        values.getAndIncrement(SEND_FAILURES);
    }

    /** Send lock held: a batch of {@code frames} failed for good and was dropped. */
    void batchFailed(long frames, long bytes) {
        values.getAndAdd(PAYLOADS_FAILED, frames);
        values.getAndAdd(PAYLOADS_FLUSHED, frames);
        values.getAndAdd(BYTES_FLUSHED, bytes);
        values.getAndAdd(DROPPED, frames);
    }

    /** Send lock held: a non-empty flush ended. */
    void flushCompleted(double durationMs, long batchCount, long payloadBytes) {
        values.setRelease(LAST_FLUSH_DURATION_BITS, Double.doubleToRawLongBits(durationMs));
        values.setRelease(LAST_BATCH_COUNT, batchCount);
        values.setRelease(LAST_FLUSH_PAYLOAD_BYTES, payloadBytes);
    }

    /** Send lock held: the transport went over a new connection (or file). */
    void incrementReconnects() {
        values.getAndIncrement(RECONNECTS);
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
        values.getAndAdd(PAYLOADS_FLUSHED, frames);
        values.getAndAdd(BYTES_FLUSHED, bytes);
    }

    /** Send lock held, with acks: a batch was written without a failure; it is not sent until acknowledged. */
    void writeSucceeded() {
        values.set(CONSECUTIVE_FAILURES, 0);
        markConnected();
    }

    /** Ledger monitor held: the receiver acknowledged {@code frames} frames, the last of tick {@code lastTick}. */
    void acknowledged(long frames, long bytes, long lastTick) {
        values.getAndAdd(PAYLOADS_SENT, frames);
        values.getAndAdd(BYTES_SENT, bytes);
        values.setRelease(LAST_SUCCESS_TICK, lastTick);
        values.set(CONSECUTIVE_FAILURES, 0);
        markConnected();
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
        values.getAndAdd(FRAMES_RESENT, frames);
    }

    /** Adds to {@code frames_unconfirmed}: frames written to a connection that later failed (tcp without acks). */
    void addFramesUnconfirmed(long frames) {
        values.getAndAdd(FRAMES_UNCONFIRMED, frames);
    }

    /**
     * Stop deadline, with acks: {@code frames} written but never acknowledged. They count as dropped and as failed
     * for good (so {@code payloads_flushed_total = payloads_sent_total + payloads_failed_total} still holds).
     */
    void unacknowledgedAtStop(long frames) {
        values.getAndAdd(PAYLOADS_FAILED, frames);
        values.getAndAdd(DROPPED, frames);
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
        values.setRelease(LAST_FAILURE_TICK, failureTick == null ? NONE : failureTick);
    }

    /** A restart was granted. */
    void incrementWorkerRestarts() {
        workerRestartCount.incrementAndGet();
    }

    /** The worker thread ended normally (stop). */
    void workerStopped() {
        workerAlive = false;
    }

    /** Writes the flag only when it changes: a store per send would dirty the line toStatus() reads every tick. */
    private void markConnected() {
        if (!connected) {
            connected = true;
        }
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

    private static Long nullable(long value) {
        return value == NONE ? null : value;
    }

    private static Double nullableDouble(long bits) {
        return bits == NONE ? null : Double.longBitsToDouble(bits);
    }
}
