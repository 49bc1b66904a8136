package org.townlet.telemetry.core.worker;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;

/**
 * The pipeline worker (SPEC §11): a bounded buffer fed by the simulation thread, and one daemon thread,
 * {@value #THREAD_NAME}, that turns buffered items into frames and ships them to the transport in batches.
 *
 * <p><b>Threads.</b>
 * <ul>
 *   <li>The simulation thread calls {@link #offer} and never waits for a send, except under {@code block} (up to
 *       {@code block_timeout}, and not at all while the transport is failing) and {@code fan_out} (it sends its own
 *       overflow). Under {@code drop_oldest}, once the worker runs, an offer only adds the item to a lock-free queue
 *       (the {@code inbox}); whoever holds the buffer lock next moves queued items into the buffer and applies the
 *       strategy: the worker before it looks at the buffer and between the frames it encodes, or the offering thread
 *       when the worker waits for a signal, has stopped or died, or lets more than {@link #INBOX_BOUND} pile up.
 *       Otherwise an offer takes the buffer lock once. Either way it signals the worker only when the worker is
 *       waiting ({@code workerWaiting}) and a flush trigger holds: while the worker is busy encoding or sending,
 *       offers never wake it (it looks at the buffer again before it waits).</li>
 *   <li>The worker thread is the only consumer of the buffer. It waits for a flush trigger (§11.5), then, holding the
 *       <b>send lock</b> (one fair {@link ReentrantLock}), takes up to {@code max_batch_size} items, encodes them
 *       through the {@link FrameProducer} and sends them as one batch with retries (§11.6).</li>
 *   <li>A {@code fan_out} producer takes the send lock <i>before</i> popping its overflow, so sends never interleave
 *       and frames reach the transport in {@code seq} order (§11.4). The producer (diff base, keyframe state) and the
 *       transport are only ever called under the send lock.</li>
 *   <li>{@link #stop()} may be called from any thread; it asks the worker to drain and bounds the wait (§11.8).</li>
 * </ul>
 *
 * <p><b>Accounting.</b> Every item offered ends either sent ({@code payloads_sent_total}) or dropped
 * ({@code dropped_messages}, or a transform drop), so once {@link #stop()} has returned
 * {@code frames_built_total = payloads_sent_total + frames_dropped_total}, provided the publisher increments
 * {@code frames_built_total} for each item it offers. A drop of any kind asks the producer for a keyframe (resync).
 * Frames handed to the transport are entered in the counters' {@link AckLedger} before the call and settled there
 * exactly once.
 *
 * <p><b>Acknowledged delivery</b> (SPEC §12.3.1). A transport acknowledges when it keeps a replay window
 * ({@code pendingBytes() > 0} after a send) or has reported an acknowledgement through
 * {@link PipelineCounters#transportCallbacks()}; the worker finds out at its first send. From then on a send that
 * returns counts nothing as sent: its frames wait in the ledger until the receiver acknowledges them, and a write
 * failure reported during the send ({@code failed}) is counted as a send failure but neither retried nor dropped. The
 * window's bytes count against {@code max_buffer_bytes}; while buffer and window together exceed it nothing is handed
 * to the transport, and the worker asks the transport to {@code flush()} (reconnect, resend, await acknowledgements)
 * instead. {@code stop()} drains the buffer, then flushes until the window is acknowledged or the deadline passes;
 * frames still unacknowledged then count as dropped. Without acknowledgements, frames written to a connection that the
 * transport later reports broken count in {@code frames_unconfirmed}.
 *
 * <p>Create with {@link #builder()}; nothing runs until {@link #start()}.
 *
 * @param <T> the buffered item type
 */
public final class TelemetryWorker<T extends BufferedItem> {
    /** The worker thread's name. */
    public static final String THREAD_NAME = "telemetry-worker";
    /** The assumed size of an item offered before any frame was encoded (SPEC §11.1). */
    public static final long INITIAL_ITEM_SIZE = 4096L;
    /** How long {@code transport.flush()}, {@code transport.close()} and the worker's join may take together. */
    static final Duration CLOSE_BUDGET = Duration.ofSeconds(2);
    /**
     * With acks, how long {@code stop()} waits, after the drain, for the receiver to acknowledge frames already written,
     * before it counts the rest as dropped; taken from {@link #CLOSE_BUDGET}.
     */
    static final Duration ACK_GRACE = Duration.ofMillis(500);
    /** How long {@code stop()} waits for the send lock of a worker stuck past the deadline before closing anyway. */
    private static final long STUCK_LOCK_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final String STOP_THREAD_NAME = "telemetry-worker-stop";
    /** With acks: the least time between two flushes of the replay window while it blocks the pipeline. */
    static final long WINDOW_FLUSH_INTERVAL_MILLIS = 100;
    private static final long NO_RESYNC = Long.MIN_VALUE;
    /** How the WARNING of the first drop begins (SPEC §11.3), except for {@code block}'s own fallback wording. */
    public static final String DROP_WARNING_PREFIX = "Telemetry buffer exceeded ";
    /** How the WARNING summarising later drops begins (SPEC §11.3), at most one per 10 s. */
    public static final String DROP_SUMMARY_PREFIX = DropLog.SUMMARY_PREFIX;
    private static final System.Logger LOG = System.getLogger(TelemetryWorker.class.getName());

    private final Transport transport;
    private final FrameProducer<T> producer;
    private final PipelineCounters counters;
    private final WorkerSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final FrameBuffer<T> buffer;
    private final ReentrantLock sendLock = new ReentrantLock(true);
    private final RestartBudget restartBudget;
    private final DropLog dropLog = new DropLog(System::nanoTime);
    /** The first backpressure drop's warning (built only for that drop; SPEC §11.3). */
    private final LongFunction<String> firstDropWarning;
    /** The first {@code block} fallback drop's warning. */
    private final LongFunction<String> firstFallbackWarning = n -> "Telemetry buffer drop fallback; dropped " + n
            + " payloads";
    /** Frames handed to the transport and not settled; its monitor is the settlement lock of items in flight. */
    private final AckLedger ledger;

    /** The highest {@code seq} dropped since the last resync; the next item encoded after it becomes a keyframe. */
    private final AtomicLong resyncAfterSeq = new AtomicLong(NO_RESYNC);
    /**
     * {@code drop_oldest} offers after {@link #start()} not yet moved into the buffer (SPEC §11.2): the offering thread
     * adds them here without taking the buffer lock, which the worker holds whenever it looks at the buffer; whoever
     * holds that lock next moves them in and applies the strategy ({@link #absorbLocked()}): the worker before it looks
     * at the buffer and between the frames it encodes, or the offering thread itself when the worker waits for a
     * signal, is gone, or lets more than {@link #INBOX_BOUND} pile up.
     */
    private final ConcurrentLinkedQueue<T> inbox = new ConcurrentLinkedQueue<>();
    /**
     * Items added to {@link #inbox}; the offering thread's count, a hint (concurrent offers may miscount it), on cache
     * lines of its own (this object's other fields are mostly the worker's).
     */
    private final PaddedCount inboxAdded = new PaddedCount();
    /** Items moved out of {@link #inbox}; written under the buffer lock. */
    private volatile long inboxAbsorbed;
    /** Encoded size of the last frame; the size charged to the next offered item. Written under the send lock. */
    private volatile long lastEncodedSize = INITIAL_ITEM_SIZE;
    /** The transport acknowledges deliveries (SPEC §12.3.1); found out at the first send, never reset. */
    private volatile boolean ackMode;
    /** Without acks: frames written since the transport's last reported connection failure. Send lock. */
    private long writtenSinceConnectionFailure;
    /** The connection failures seen when {@link #writtenSinceConnectionFailure} was last settled. Send lock. */
    private long connectionFailuresSeen;
    /** With acks: no window flush before this instant (nanoTime), so a dead endpoint is not retried in a loop. */
    private volatile long nextWindowFlushNanos;
    /** With acks: the last window flush failed (its error is logged once per streak). Send lock. */
    private boolean windowFlushFailing;
    /**
     * The transport's last start, send try or window flush failed and nothing has succeeded since. Updated before the
     * counters, so whoever sees a failure or success counted sees this too. A {@code block}
     * producer does not wait while it is set: a transport that keeps failing would otherwise hold every tick for
     * {@code block_timeout} (1,000 ticks × 0.5 s) only to drop the oldest in the end. Written by whoever calls the
     * transport (under the send lock, or by {@link #start()}); read by offers without a lock.
     */
    private volatile boolean transportFailing;

    /** After a send, the worker dozes (looks again every {@link #DOZE_NANOS}) rather than waiting for a signal. */
    static final long DOZE_WINDOW_NANOS = 50_000_000L;
    /** How long a doze lasts: the most a frame waits for a worker that was busy a moment ago. */
    static final long DOZE_NANOS = 100_000L;
    /** More queued offers than this make the offering thread move them into the buffer itself (if it gets the lock). */
    static final long INBOX_BOUND = 1_024;
    /** How often (in offers, a power of two) the offering thread compares the queued offers with the bound. */
    private static final long INBOX_CHECK_EVERY = 64;

    // Lifecycle: written under `lifecycle`, read without it.
    private final Object lifecycle = new Object();
    private volatile boolean started;
    private volatile boolean stopCalled;
    private final CompletableFuture<StopReport> stopResult = new CompletableFuture<>();
    /** Counted down when the worker ends for good: drained at stop, abandoned at the deadline, or dead. */
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Thread workerThread;

    // Trigger and stop state: guarded by buffer.lock; volatile where read without it.
    /**
     * The worker is waiting on {@code workAvailable} and nobody has signalled it since. Set by the worker just before
     * it waits, still holding the lock, so an offer that comes after the worker's last look at the buffer sees it and
     * signals (no lost wake-up); cleared by whoever signals, so offers arriving before the worker has the lock again
     * do not signal twice. Volatile: a queued offer reads it without the lock (see {@link #awaitWork}).
     */
    private volatile boolean workerWaiting;
    /** When the worker last sent (worker thread only); it dozes instead of waiting for a while after. */
    private long lastSendNanos = System.nanoTime() - DOZE_WINDOW_NANOS;
    /** Signals given to a waiting worker; visible for testing. */
    private long wakeUps;
    /** Test seam: runs on the worker thread, buffer lock held, when it has decided to wait. */
    private volatile Runnable beforeWorkerWaits = () -> { };
    private long lastFlushTick;
    private boolean flushRequested;
    private int blockedProducers;
    private volatile boolean stopping;
    private long stopDeadlineNanos;
    /** Set by stop() when it has accounted for what is left: the worker takes nothing more. */
    private volatile boolean abandoned;
    /** The restart budget is spent: offers are rejected. */
    private volatile boolean dead;
    /** The batch the worker holds (taken, maybe not yet settled); replaced on every take. */
    private InFlight<T> inFlight;

    private TelemetryWorker(Builder<T> builder) {
        this.transport = Objects.requireNonNull(builder.transport, "transport");
        this.producer = Objects.requireNonNull(builder.producer, "producer");
        this.counters = Objects.requireNonNull(builder.counters, "counters");
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.random = builder.random;
        this.sleeper = builder.sleeper;
        this.ledger = counters.ledger();
        this.buffer = new FrameBuffer<>(settings.maxBufferBytes(), settings.maxBufferFrames(), counters::queueLength,
                () -> ackMode ? ledger.unackedBytes() : 0L);
        this.restartBudget = new RestartBudget(settings.restartLimit(), settings.restartWindow());
        long maxBufferBytes = settings.maxBufferBytes();
        this.firstDropWarning = n -> DROP_WARNING_PREFIX + maxBufferBytes + " bytes; dropped " + n + " payloads";
        ledger.onAcknowledged(this::onAcknowledged);
        this.nextWindowFlushNanos = System.nanoTime();
    }

    /** A builder; transport, producer and counters are required. */
    public static <T extends BufferedItem> Builder<T> builder() {
        return new Builder<>();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Calls {@code transport.start()} and starts the worker thread. Only the first call does anything (and none after
     * {@link #stop()}). A transport that fails to start is counted ({@code last_error}) and logged, never thrown: the
     * worker runs anyway and its sends fail and retry as usual.
     */
    public void start() {
        // The send lock is taken first, so a fan_out producer that sees `started` sends only after transport.start().
        sendLock.lock();
        try {
            synchronized (lifecycle) {
                if (started || stopCalled) {
                    return;
                }
                started = true;
            }
            try {
                transport.start();
            } catch (TransportException | RuntimeException e) {
                transportFailing = true;
                counters.transportError(describe(e));
                // A TransportException's message says what failed; its trace only helps with --debug.
                LOG.log(Level.WARNING, "Telemetry transport start failed: " + e.getMessage(),
                        e instanceof TransportException && !LOG.isLoggable(Level.DEBUG) ? null : e);
            }
        } finally {
            sendLock.unlock();
        }
        startThread();
    }

    /**
     * Stops the pipeline within {@code stop_timeout + 2 s} (SPEC §11.8): the worker drains everything buffered (retrying
     * only within the deadline) and, with acknowledgements, flushes the transport until its replay window is
     * acknowledged; at the deadline it is interrupted and what is left is counted as dropped and logged once as
     * {@code Telemetry stop deadline reached; {n} frames not delivered}; then {@code transport.flush()},
     * {@code transport.close()} and the join of the worker, together within 2 s. With acknowledgements and a connected
     * receiver, frames already written get up to {@link #ACK_GRACE} of those 2 s to be acknowledged before the rest is
     * counted as dropped, so that a receiver that stays up never holds a frame the pipeline counted as dropped. Never
     * hangs, even on a transport blocked forever. Idempotent: later calls return the first call's report. Offers after
     * this call are rejected.
     */
    public StopReport stop() {
        boolean first;
        boolean wasStarted;
        synchronized (lifecycle) {
            first = !stopCalled;
            stopCalled = true;
            wasStarted = started;
        }
        return first ? completeStop(wasStarted) : stopResult.join();
    }

    private StopReport completeStop(boolean wasStarted) {
        StopReport report;
        try {
            report = doStop(wasStarted);
        } catch (RuntimeException | Error e) {
            stopResult.completeExceptionally(e);
            throw e;
        }
        stopResult.complete(report);
        return report;
    }

    private StopReport doStop(boolean wasStarted) {
        long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
        buffer.lock.lock();
        try {
            stopping = true;
            stopDeadlineNanos = deadline;
            buffer.workAvailable.signalAll();
            buffer.notFull.signalAll();
        } finally {
            buffer.lock.unlock();
        }

        boolean drained = !wasStarted || awaitNanos(terminated, deadline - System.nanoTime());

        long closeDeadline = System.nanoTime() + CLOSE_BUDGET.toNanos();
        if (!drained) {
            Thread thread = workerThread;
            if (thread != null) {
                thread.interrupt();
            }
        }
        if (wasStarted && ackMode && ledger.unackedFrames() > 0 && counters.connected()) {
            // Frames already written to a receiver that is up are acknowledged within moments (SPEC §12.3.1: within
            // 100 ms); counting them as dropped would contradict what the receiver wrote. So nothing more is handed
            // to the transport, and those frames get a short grace, taken from the close budget.
            synchronized (ledger) {
                ledger.stopAccepting();
            }
            ledger.awaitAcknowledged(ACK_GRACE.toNanos());
        }
        List<T> leftovers;
        long heldRest;
        AckLedger.Settlement unacknowledged;
        buffer.lock.lock();
        try {
            absorbLocked(); // queued offers are left over too (an offer after this finds `abandoned` and is rejected)
            abandoned = true;
            leftovers = buffer.drainAll();
            InFlight<T> held = inFlight;
            // One step, so that an item moving between the batch in hand and the ledger is counted exactly once.
            synchronized (ledger) {
                unacknowledged = ledger.seal();
                heldRest = held == null ? 0 : held.abandon();
            }
            buffer.workAvailable.signalAll();
        } finally {
            buffer.lock.unlock();
        }
        long undelivered = leftovers.size() + heldRest + unacknowledged.frames();
        boolean deadlineReached = wasStarted && (!drained || undelivered > 0);
        if (leftovers.size() + heldRest > 0) {
            counters.addDropped(leftovers.size() + heldRest);
        }
        if (unacknowledged.frames() > 0) {
            if (ackMode) {
                // SPEC §12.3.1: written but never acknowledged, so never known to be delivered.
                counters.unacknowledgedAtStop(unacknowledged.frames());
            } else {
                counters.addDropped(unacknowledged.frames());
            }
        }
        if (deadlineReached || undelivered > 0) {
            LOG.log(Level.WARNING, "Telemetry stop deadline reached; " + undelivered + " frames not delivered");
        }
        String summary = dropLog.pendingSummary();
        if (summary != null) {
            LOG.log(Level.WARNING, summary);
        }

        boolean closed = closeTransport(wasStarted, drained, closeDeadline);
        Thread thread = workerThread;
        boolean joined = thread == null || join(thread, closeDeadline - System.nanoTime());
        counters.workerStopped();
        return new StopReport(undelivered, deadlineReached, closed, joined);
    }

    /**
     * Flushes (if the send lock can be had) and closes the transport on a helper thread, so that a transport that
     * blocks in {@code flush()} or {@code close()} cannot hang {@code stop()}. When the worker is stuck in a send past
     * the deadline, the transport is closed without the send lock: closing is what unblocks a write (SPEC §11.8). With
     * acknowledgements the worker's drain has flushed already, and what is still unacknowledged is settled as dropped,
     * so the transport is not flushed again (it would only wait for acknowledgements).
     */
    private boolean closeTransport(boolean wasStarted, boolean drained, long closeDeadline) {
        CountDownLatch done = new CountDownLatch(1);
        Thread closer = new Thread(() -> {
            try {
                boolean locked = false;
                try {
                    long wait = drained ? closeDeadline - System.nanoTime() : STUCK_LOCK_WAIT_NANOS;
                    locked = sendLock.tryLock(Math.max(0L, wait), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try {
                    if (locked && wasStarted && !ackMode) {
                        try {
                            transport.flush();
                        } catch (TransportException | RuntimeException e) {
                            counters.transportError(describe(e));
                            LOG.log(Level.WARNING, "Telemetry transport flush failed: " + e.getMessage(), e);
                        }
                    }
                    try {
                        transport.close();
                    } catch (TransportException | RuntimeException e) {
                        counters.transportError(describe(e));
                        LOG.log(Level.WARNING, "Telemetry transport close failed: " + e.getMessage(), e);
                    }
                } finally {
                    if (locked) {
                        sendLock.unlock();
                    }
                }
            } finally {
                done.countDown();
            }
        }, STOP_THREAD_NAME);
        closer.setDaemon(true);
        closer.start();
        return awaitNanos(done, closeDeadline - System.nanoTime());
    }

    /**
     * Asks the worker to flush everything buffered now, whatever the batching triggers say. Returns at once; the
     * flush happens on the worker thread (after {@link #start()}).
     */
    public void requestFlush() {
        buffer.lock.lock();
        try {
            flushRequested = true;
            wakeWorker();
        } finally {
            buffer.lock.unlock();
        }
    }

    /**
     * Drops everything buffered (counted in {@code dropped_messages}) and makes the next frame a keyframe; for
     * {@code importState} (SPEC §11.8). Takes the send lock, so it waits for a send in progress.
     *
     * @return the number of items dropped
     */
    public int clearBuffer() {
        sendLock.lock();
        buffer.lock.lock();
        try {
            absorbLocked();
            List<T> cleared = buffer.drainAll();
            if (!cleared.isEmpty()) {
                counters.addDropped(cleared.size());
            }
            producer.requestKeyframe();
            return cleared.size();
        } finally {
            buffer.lock.unlock();
            sendLock.unlock();
        }
    }

    /** The number of buffered items ({@code queue_length}); items taken for sending are not counted. */
    public int queueLength() {
        buffer.lock.lock();
        try {
            absorbLocked();
            return buffer.sizeLocked();
        } finally {
            buffer.lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ offer

    /**
     * Whether the calling thread is a pipeline worker thread (not a {@code fan_out} producer sending inline, nor the
     * helper that closes the transport at a stop).
     */
    public static boolean onWorkerThread() {
        return Thread.currentThread() instanceof WorkerThread;
    }

    /** The worker loop's thread: its class, not its name, tells {@link #onWorkerThread()} it is one. */
    private static final class WorkerThread extends Thread {
        WorkerThread(Runnable loop) {
            super(loop, THREAD_NAME);
        }
    }

    /**
     * The {@code seq} of the last item dropped from the buffer's head for capacity (backpressure), -1 before any:
     * nothing up to it will be produced. A hint for work done ahead of the worker (the publisher's deriver thread);
     * any thread.
     */
    public long lastDroppedSeq() {
        return buffer.lastDroppedSeq();
    }

    /**
     * Buffers {@code item} (simulation thread, once per frame), charging it the encoded size of the most recently
     * encoded frame ({@value #INITIAL_ITEM_SIZE} bytes before the first), and applies the backpressure strategy if the
     * buffer is then over capacity (SPEC §11.2, §11.3). Wakes the worker when a flush trigger holds. After
     * {@link #stop()}, or when the restart budget is spent, the item is dropped and counted at once.
     *
     * <p>With {@code drop_oldest} after {@link #start()}, the item is queued for the worker instead, without the buffer
     * lock ({@link OfferOutcome#QUEUED}): the size is charged and the strategy applied (and counted) when it is moved
     * into the buffer, within about {@link #DOZE_NANOS} while the worker is busy. That keeps the worker's lock, and its
     * cache lines, off the simulation thread's path (SPEC §20 P1).
     *
     * @return what happened; the counters already reflect it, except for a queued item
     */
    public OfferOutcome offer(T item) {
        Objects.requireNonNull(item, "item");
        if (settings.backpressure() != BackpressureStrategy.DROP_OLDEST || !started || stopCalled || dead) {
            return offer(item, lastEncodedSize);
        }
        inbox.add(item);
        // Read after the add: a worker about to wait, a stop or a death that this add might have come too late for
        // sees the item, or this thread sees them (each side writes its volatile before it reads the other's).
        long added = inboxAdded.increment();
        boolean checkBound = (added & (INBOX_CHECK_EVERY - 1)) == 0;
        if (workerWaiting || stopCalled || dead) {
            buffer.lock.lock();
            return absorbOnOfferingThread();
        }
        if (checkBound && added - inboxAbsorbed > BoundCheck.limitAt(added, INBOX_CHECK_EVERY, INBOX_BOUND)
                && buffer.lock.tryLock()) {
            // The worker has been away (a slow send, or descheduled): move the queue in here. Without the lock, the
            // thread that holds it is about to. (Also at the first check, so the JIT sees this path: BoundCheck.)
            return absorbOnOfferingThread();
        }
        return OfferOutcome.QUEUED;
    }

    /** Buffer lock held (and released here): moves queued offers in on the offering thread; wakes the worker if due. */
    private OfferOutcome absorbOnOfferingThread() {
        try {
            int dropped = absorbLocked();
            if (dead || abandoned) {
                return OfferOutcome.REJECTED_WORKER_DEAD; // absorbLocked counted it
            }
            wakeIfTriggered();
            return OfferOutcome.acceptedAfterDrops(dropped);
        } finally {
            buffer.lock.unlock();
        }
    }

    /**
     * Buffer lock held: moves the queued offers into the buffer, oldest first, as {@link #offer(BufferedItem, long)}
     * would have buffered them ({@code drop_oldest}): each is charged the size of the last encoded frame, and what is
     * over capacity is dropped and counted. Once the worker is down for good or {@link #stop()} has accounted for what
     * was left, they are dropped and counted instead. Logs the drop warning, if due. Returns how many were dropped for
     * capacity.
     */
    private int absorbLocked() {
        T item = inbox.poll();
        if (item == null) {
            return 0;
        }
        int overflow = 0;
        long rejected = 0;
        long lastRejectedSeq = -1;
        long absorbed = 0;
        do {
            absorbed++;
            if (dead || abandoned) {
                rejected++;
                lastRejectedSeq = Math.max(lastRejectedSeq, item.seq());
                continue;
            }
            buffer.appendLocked(item, lastEncodedSize);
            if (buffer.isOverCapacityLocked()) {
                overflow += buffer.dropOverflowLocked();
            }
        } while ((item = inbox.poll()) != null);
        inboxAbsorbed += absorbed;
        if (rejected > 0) {
            counters.addDropped(rejected);
            markResync(lastRejectedSeq);
        }
        String warning = recordDrops(overflow, buffer.lastDroppedSeq(), false);
        if (warning != null) {
            // Rate-limited (one summary per 10 s at most); no offer waits for this lock while it is logged.
            LOG.log(Level.WARNING, warning);
        }
        return overflow;
    }

    /** Visible for testing: the offers queued and not yet moved into the buffer (a hint while offers go on). */
    long queuedOffers() {
        return inboxAdded.read() - inboxAbsorbed;
    }

    /**
     * {@link #offer(BufferedItem)} with an explicit size, always applied at once under the buffer lock (never queued);
     * visible for testing.
     */
    OfferOutcome offer(T item, long sizeBytes) {
        Objects.requireNonNull(item, "item");
        String warning = null;
        OfferOutcome outcome;
        buffer.lock.lock();
        try {
            absorbLocked(); // offers queued before this one go first
            if (dead || stopCalled) {
                counters.addDropped(1);
                markResync(item.seq());
                return OfferOutcome.REJECTED_WORKER_DEAD;
            }
            buffer.appendLocked(item, sizeBytes);
            if (!buffer.isOverCapacityLocked()) {
                wakeIfTriggered();
                return OfferOutcome.ACCEPTED;
            }
            BackpressureStrategy strategy = settings.backpressure();
            if (strategy == BackpressureStrategy.FAN_OUT && !started) {
                // Nothing may be sent before start(): the transport is not started yet; drop instead.
                strategy = BackpressureStrategy.DROP_OLDEST;
            }
            switch (strategy) {
                case DROP_OLDEST -> {
                    int dropped = buffer.dropOverflowLocked();
                    warning = recordDrops(dropped, buffer.lastDroppedSeq(), false);
                    wakeIfTriggered();
                    outcome = OfferOutcome.acceptedAfterDrops(dropped);
                }
                case BLOCK -> {
                    BlockResult result = blockUntilRoom();
                    warning = result.warning;
                    outcome = result.outcome;
                }
                case FAN_OUT -> {
                    wakeIfTriggered();
                    outcome = null;
                }
                default -> throw new IllegalStateException("unknown strategy " + strategy);
            }
        } finally {
            buffer.lock.unlock();
        }
        if (warning != null) {
            LOG.log(Level.WARNING, warning);
        }
        return outcome != null ? outcome : fanOut();
    }

    private record BlockResult(OfferOutcome outcome, String warning) {
    }

    /**
     * {@code block}: buffer lock held; waits on "not full" for at most the block timeout in total, and not at all (or
     * no longer) while the transport is failing: then it drops the oldest at once, as {@code drop_oldest} would.
     */
    private BlockResult blockUntilRoom() {
        if (transportFailing) {
            List<T> dropped = buffer.popOverflow();
            wakeIfTriggered();
            return new BlockResult(OfferOutcome.acceptedAfterDrops(dropped.size()), recordDrops(dropped, true));
        }
        long start = System.nanoTime();
        long remaining = settings.blockTimeout().toNanos();
        boolean interrupted = false;
        blockedProducers++;
        wakeWorker();
        try {
            while (buffer.isOverCapacity() && remaining > 0 && !stopping && !dead && !transportFailing) {
                try {
                    remaining = buffer.notFull.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
        } finally {
            blockedProducers--;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        long waited = System.nanoTime() - start;
        counters.addBlockedNanos(waited);
        if (dead) {
            // The worker died while we waited; its shutdown dropped and counted everything buffered, this item too.
            return new BlockResult(OfferOutcome.REJECTED_WORKER_DEAD, null);
        }
        if (!buffer.isOverCapacity()) {
            return new BlockResult(new OfferOutcome.BlockedThenAccepted(waited), null);
        }
        List<T> dropped = buffer.popOverflow();
        String warning = recordDrops(dropped, true);
        return new BlockResult(new OfferOutcome.BlockedThenDropped(dropped.size(), waited), warning);
    }

    /** {@code fan_out}: sends the overflow on the calling thread, holding the send lock (taken before popping). */
    private OfferOutcome fanOut() {
        long start = System.nanoTime();
        sendLock.lock();
        try {
            List<T> overflow = buffer.popOverflow();
            if (!overflow.isEmpty() && ackMode && ledger.unackedBytes() > 0) {
                // SPEC §12.3.1: buffer and replay window together exceed the budget, so nothing may be handed to the
                // transport; the overflow (buffered, never written) is dropped instead.
                String warning = recordDrops(overflow, false);
                if (warning != null) {
                    LOG.log(Level.WARNING, warning);
                }
                return OfferOutcome.acceptedAfterDrops(overflow.size());
            }
            int batchSize = settings.maxBatchSize();
            for (int from = 0; from < overflow.size(); from += batchSize) {
                InFlight<T> batch = new InFlight<>(overflow.subList(from, Math.min(overflow.size(), from + batchSize)),
                        ledger);
                try {
                    sendItems(batch, true);
                } catch (RuntimeException e) {
                    // A producer or transport bug on the simulation thread: drop and count, never throw to the sim.
                    counters.sendAttemptFailed(describe(e), batch.lastTick());
                    LOG.log(Level.ERROR, "Dropping telemetry payload after fan-out send failures", e);
                }
                long rest = batch.abandon();
                if (rest > 0) {
                    counters.addDropped(rest);
                    markResync(batch.lastSeq());
                }
            }
            return overflow.isEmpty() ? OfferOutcome.ACCEPTED : new OfferOutcome.FannedOut(overflow.size());
        } finally {
            sendLock.unlock();
            counters.addBlockedNanos(System.nanoTime() - start);
        }
    }

    /** Counts backpressure drops and returns the warning to log (outside the lock), if any. */
    private String recordDrops(List<T> dropped, boolean blockFallback) {
        return dropped.isEmpty() ? null
                : recordDrops(dropped.size(), dropped.get(dropped.size() - 1).seq(), blockFallback);
    }

    /** Counts {@code n} backpressure drops, the last of {@code lastSeq}; returns the warning to log, if any. */
    private String recordDrops(int n, long lastSeq, boolean blockFallback) {
        if (n == 0) {
            return null;
        }
        counters.addDropped(n);
        markResync(lastSeq);
        return dropLog.dropped(n, blockFallback ? firstFallbackWarning : firstDropWarning);
    }

    /**
     * Buffer lock held: signals the worker if it is waiting and a flush trigger holds. A busy worker is not signalled:
     * it looks at the buffer (under this lock) before it waits again, and then sees what was offered meanwhile.
     */
    private void wakeIfTriggered() {
        if (!workerWaiting) {
            return;
        }
        int size = buffer.sizeLocked();
        if (size > 0 && triggerHolds(size)) {
            wakeWorker();
        }
    }

    /** Buffer lock held: signals the worker (if it waits; a signal without a waiter does nothing). */
    private void wakeWorker() {
        if (workerWaiting) {
            workerWaiting = false;
            wakeUps++;
        }
        buffer.workAvailable.signal();
    }

    /** Buffer lock held: the triggers of SPEC §11.5 other than the poll interval. */
    private boolean triggerHolds(int size) {
        return size >= settings.maxBatchSize()
                || buffer.latestEnqueueTickLocked() - lastFlushTick >= settings.flushIntervalTicks()
                || blockedProducers > 0
                || flushRequested
                || stopping;
    }

    // ------------------------------------------------------------------------------------------------ worker thread

    private void startThread() {
        Thread thread = new WorkerThread(this::runLoop);
        thread.setDaemon(true);
        counters.workerStarted();
        workerThread = thread;
        thread.start();
    }

    private void runLoop() {
        try {
            while (true) {
                Action action = awaitTrigger();
                if (action == Action.END) {
                    break;
                }
                if (action == Action.FLUSH_WINDOW) {
                    flushWindow();
                } else if (!flushOnce()) {
                    break;
                }
                lastSendNanos = System.nanoTime();
            }
            counters.workerStopped();
            terminated.countDown();
        } catch (Throwable failure) {
            onFailure(failure);
        }
    }

    /** What the worker does next. */
    private enum Action {
        /** Take up to a batch from the buffer and send it. */
        SEND,
        /** With acks: have the transport reconnect, resend and await acknowledgement of its replay window. */
        FLUSH_WINDOW,
        /** End the worker: drained after a stop request, or the stop deadline passed. */
        END
    }

    /**
     * Waits up to the poll interval for a flush trigger (SPEC §11.5), or, with acks, for the replay window to need a
     * flush: when buffer and window together are over capacity (nothing may be handed to the transport then), and
     * after a stop request once the buffer is drained.
     */
    private Action awaitTrigger() {
        long pollNanos = settings.pollInterval().toNanos();
        buffer.lock.lock();
        try {
            long pollDeadline = System.nanoTime() + pollNanos;
            while (true) {
                if (abandoned) {
                    return Action.END;
                }
                absorbLocked();
                int size = buffer.sizeLocked();
                boolean windowOpen = ackMode && ledger.unackedFrames() > 0;
                boolean windowBlocked = windowOpen && buffer.isOverCapacityLocked();
                long untilWindowFlush = nextWindowFlushNanos - System.nanoTime();
                if (stopping) {
                    if (stopDeadlinePassed()) {
                        return Action.END;
                    }
                    if (size > 0 && !windowBlocked) {
                        return Action.SEND;
                    }
                    if (!windowOpen) {
                        return size > 0 ? Action.SEND : Action.END;
                    }
                    if (untilWindowFlush <= 0) {
                        return Action.FLUSH_WINDOW;
                    }
                    awaitWork(Math.min(untilWindowFlush, stopDeadlineNanos - System.nanoTime()));
                    continue;
                }
                if (windowBlocked) {
                    if (untilWindowFlush <= 0) {
                        return Action.FLUSH_WINDOW;
                    }
                    awaitWork(untilWindowFlush);
                    continue;
                }
                if (size == 0) {
                    flushRequested = false;
                } else if (triggerHolds(size)) {
                    return Action.SEND;
                }
                long now = System.nanoTime();
                long remaining = pollDeadline - now;
                if (remaining <= 0) {
                    if (size > 0) {
                        return Action.SEND;
                    }
                    pollDeadline = now + pollNanos;
                    remaining = pollNanos;
                }
                if (now - lastSendNanos < DOZE_WINDOW_NANOS) {
                    // Frames are flowing: look again shortly instead of waiting to be signalled, so that the offer of
                    // every tick costs the simulation thread no wake-up (SPEC §20 P1, P3). Idle for a while: wait.
                    doze(Math.min(remaining, DOZE_NANOS));
                    continue;
                }
                awaitWork(remaining);
            }
        } finally {
            buffer.lock.unlock();
        }
    }

    /**
     * Buffer lock held: waits on {@code workAvailable} for at most {@code nanos}. {@code workerWaiting} is set before
     * the wait releases the lock, so every offer after the worker's last look at the buffer knows to signal it; offers
     * queued before they could see it are moved in here, and then the worker does not wait (its caller looks again).
     */
    private void awaitWork(long nanos) {
        if (nanos <= 0) {
            return;
        }
        beforeWorkerWaits.run();
        workerWaiting = true;
        if (!inbox.isEmpty()) {
            workerWaiting = false;
            return;
        }
        try {
            buffer.workAvailable.awaitNanos(nanos);
        } catch (InterruptedException e) {
            // Only stop() interrupts the worker, at its deadline; the loop sees `stopping` and ends.
            if (!stopping) {
                LOG.log(Level.DEBUG, "Telemetry worker interrupted while idle; continuing");
            }
        } finally {
            workerWaiting = false;
        }
    }

    /**
     * Buffer lock held: waits at most {@code nanos} without telling offers to signal ({@code workerWaiting} stays
     * false); the worker then looks at the buffer again by itself. Stop, flush and blocked-producer requests still
     * signal it.
     */
    private void doze(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            buffer.workAvailable.awaitNanos(nanos);
        } catch (InterruptedException e) {
            if (!stopping) {
                LOG.log(Level.DEBUG, "Telemetry worker interrupted while dozing; continuing");
            }
        }
    }

    /** Visible for testing: runs {@code hook} on the worker thread, buffer lock held, each time it decides to wait. */
    void beforeWorkerWaits(Runnable hook) {
        beforeWorkerWaits = Objects.requireNonNull(hook, "hook");
    }

    /** Visible for testing: how often a waiting worker was signalled (offer, flush request, blocked producer, ack). */
    long wakeUps() {
        buffer.lock.lock();
        try {
            return wakeUps;
        } finally {
            buffer.lock.unlock();
        }
    }

    /**
     * With acks: under the send lock, asks the transport to flush its replay window (reconnect if needed, resend,
     * await acknowledgements for a moment). A failure is counted like a failed send try and logged once per streak;
     * the next window flush waits {@value #WINDOW_FLUSH_INTERVAL_MILLIS} ms.
     */
    private void flushWindow() {
        sendLock.lock();
        try {
            if (abandoned) {
                return;
            }
            long unacked = ledger.unackedFrames();
            boolean wasConnected = counters.connected();
            try {
                transport.flush();
                transportSucceeded();
                counters.writeSucceeded();
                if (!wasConnected) {
                    // The transport had no working connection, so it reconnected and resent its window.
                    counters.addFramesResent(unacked);
                    producer.requestKeyframe();
                }
                windowFlushFailing = false;
            } catch (TransportException e) {
                transportFailed();
                counters.sendAttemptFailed(describe(e), ledger.newestTick());
                if (!windowFlushFailing) {
                    LOG.log(Level.WARNING, "Telemetry transport could not flush " + unacked
                            + " unacknowledged frames: " + e.getMessage());
                }
                windowFlushFailing = true;
            }
        } finally {
            nextWindowFlushNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WINDOW_FLUSH_INTERVAL_MILLIS);
            sendLock.unlock();
        }
    }

    /** Any thread (the transport's ack reader): frames left the replay window; wake a blocked producer and the worker. */
    private void onAcknowledged() {
        buffer.lock.lock();
        try {
            buffer.notFull.signalAll();
            wakeWorker();
        } finally {
            buffer.lock.unlock();
        }
    }

    /**
     * One flush: under the send lock, takes up to {@code max_batch_size} items, encodes and sends them. Returns
     * {@code false} when the worker must end (abandoned at the stop deadline).
     */
    private boolean flushOnce() {
        sendLock.lock();
        try {
            InFlight<T> batch;
            buffer.lock.lock();
            try {
                if (abandoned) {
                    return false;
                }
                absorbLocked();
                List<T> items = buffer.take(settings.maxBatchSize());
                if (items.isEmpty()) {
                    return true;
                }
                lastFlushTick = Math.max(lastFlushTick, items.get(items.size() - 1).tick());
                batch = new InFlight<>(items, ledger);
                inFlight = batch;
            } finally {
                buffer.lock.unlock();
            }
            try {
                return sendItems(batch, false);
            } catch (RuntimeException | Error e) {
                // §11.7: the batch in hand is dropped and counted; the caller handles the failure.
                long lost = batch.abandon();
                if (lost > 0) {
                    counters.addDropped(lost);
                    markResync(batch.lastSeq());
                }
                throw e;
            }
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Send lock held: encodes the batch's items and sends them as one {@link FrameBatch} with retries. Settles every
     * item (sent, transform-dropped, failed) unless it gives up at the stop deadline, in which case it returns
     * {@code false} and {@code stop()} counts the rest.
     */
    private boolean sendItems(InFlight<T> batch, boolean fanOut) {
        long startNanos = System.nanoTime();
        List<EncodedFrame> frames = new ArrayList<>(batch.items.size());
        for (T item : batch.items) {
            applyResyncIfDue(item.seq());
            Optional<EncodedFrame> encoded = producer.encode(item);
            if (encoded.isEmpty()) {
                if (batch.settle(1)) {
                    counters.addTransformDrops(1);
                }
                producer.requestKeyframe();
                continue;
            }
            EncodedFrame frame = encoded.get();
            lastEncodedSize = frame.size();
            frames.add(frame);
            if (!fanOut && !inbox.isEmpty()) {
                // Offers queued while this batch is encoded are moved in now, not after the send: so the capacity
                // and the drops they cause are applied within about one frame's encoding.
                buffer.lock.lock();
                try {
                    absorbLocked();
                } finally {
                    buffer.lock.unlock();
                }
            }
        }
        if (frames.isEmpty()) {
            return true;
        }
        FrameBatch frameBatch = new FrameBatch(frames);
        boolean completed = sendWithRetry(frameBatch, batch, fanOut);
        counters.flushCompleted((System.nanoTime() - startNanos) / 1e6, frameBatch.size(), frameBatch.totalBytes());
        return completed;
    }

    private enum Wait { PROCEED, GIVE_UP, ABANDON }

    /**
     * Send lock held: SPEC §11.6 and §12.3.1. Returns {@code false} when abandoned at the stop deadline.
     *
     * <p>Before each try the frames move from the batch in hand into the ledger (an acknowledgement may arrive before
     * {@code send} returns). A try that throws wrote nothing: the frames move back and are retried. A try that returns
     * settles them: without acks they are sent at once; with acks they stay in the ledger until acknowledged (or the
     * stop deadline), and a connection failure the transport reported during the send counts as a failed try but is
     * neither retried nor dropped, since the frames wait in the replay window.
     */
    private boolean sendWithRetry(FrameBatch frameBatch, InFlight<T> batch, boolean fanOut) {
        int tries = settings.retryMaxAttempts() + 1;
        long lastTick = frameBatch.last().tick();
        for (int attempt = 1; attempt <= tries; attempt++) {
            if (attempt > 1) {
                Wait wait = backoff(attempt - 1, fanOut);
                if (wait == Wait.ABANDON) {
                    return false;
                }
                if (wait == Wait.GIVE_UP) {
                    break;
                }
            }
            long windowBefore;
            synchronized (ledger) {
                windowBefore = ledger.unackedFrames();
                if (!ledger.accepting() || !batch.handOver(frameBatch.size())) {
                    return false; // stopping: what is left of the batch is settled by stop()
                }
                ledger.hand(frameBatch);
            }
            boolean wasConnected = counters.connected();
            long failuresBefore = counters.connectionFailures();
            SendReport report;
            try {
                report = transport.send(frameBatch);
            } catch (TransportException e) {
                if (!takeBack(frameBatch, batch)) {
                    return false;
                }
                transportFailed();
                counters.sendAttemptFailed(describe(e), lastTick);
                noteConnectionFailures();
                LOG.log(Level.WARNING, "Telemetry transport send failed (attempt " + attempt + "/" + tries + "): "
                        + e.getMessage());
                if (!fanOut && stopping && stopDeadlinePassed()) {
                    return false;
                }
                continue;
            } catch (RuntimeException | Error e) {
                takeBack(frameBatch, batch); // the caller counts the batch in hand as dropped
                throw e;
            }
            boolean newConnection = report != null && report.newConnection();
            if (newConnection) {
                counters.incrementReconnects();
                producer.requestKeyframe();
            }
            if (detectAckMode()) {
                counters.framesHanded(frameBatch.size(), frameBatch.totalBytes());
                if (!wasConnected && windowBefore > 0) {
                    // The transport had no working connection: it connected again and resent its window first.
                    counters.addFramesResent(windowBefore);
                }
                if (counters.connectionFailures() != failuresBefore) {
                    transportFailed();
                    counters.sendAttemptFailed(counters.lastError(), lastTick);
                    LOG.log(Level.WARNING, "Telemetry transport send failed; " + ledger.unackedFrames()
                            + " unacknowledged frames wait to be resent after the next connect: "
                            + counters.lastError());
                } else {
                    transportSucceeded();
                    counters.writeSucceeded();
                }
                return true;
            }
            synchronized (ledger) {
                if (!ledger.takeBack(frameBatch)) {
                    return true; // stop() counted them at its deadline
                }
            }
            transportSucceeded();
            counters.sendSucceeded(frameBatch.size(), frameBatch.totalBytes(), lastTick);
            noteConnectionFailures();
            writtenSinceConnectionFailure += frameBatch.size();
            return true;
        }
        if (batch.settle(frameBatch.size())) {
            counters.batchFailed(frameBatch.size(), frameBatch.totalBytes());
        }
        LOG.log(Level.ERROR, fanOut ? "Dropping telemetry payload after fan-out send failures"
                : "Dropping telemetry payload after repeated send failures");
        producer.requestKeyframe();
        return true;
    }

    /**
     * Send lock held: a transport call failed. On the first failure of a streak, producers waiting under
     * {@code block} are woken, so that they drop the oldest now instead of waiting out their timeout for a worker that
     * is retrying.
     */
    private void transportFailed() {
        if (!transportFailing) {
            transportFailing = true;
            buffer.lock.lock();
            try {
                buffer.notFull.signalAll();
            } finally {
                buffer.lock.unlock();
            }
        }
    }

    /** Send lock held: a transport call succeeded; {@code block} producers wait for room again. */
    private void transportSucceeded() {
        if (transportFailing) { // read first: a steady stream of sends does not write the volatile
            transportFailing = false;
        }
    }

    /** Send lock held: moves the frames of a try that wrote nothing back into the batch; false once stop() sealed. */
    private boolean takeBack(FrameBatch frameBatch, InFlight<T> batch) {
        synchronized (ledger) {
            if (!ledger.takeBack(frameBatch)) {
                return false;
            }
            batch.handBack(frameBatch.size());
            return true;
        }
    }

    /**
     * Send lock held: whether the transport acknowledges deliveries. It does once it holds a replay window after a
     * send, or has reported an acknowledgement (the transport reports an acknowledgement before it shrinks its window,
     * so one of the two is visible after the first send that wrote anything).
     */
    private boolean detectAckMode() {
        if (!ackMode && (transport.pendingBytes() > 0 || ledger.acknowledgementsSeen())) {
            ackMode = true;
            counters.ackModeDetected();
        }
        return ackMode;
    }

    /**
     * Send lock held, without acks: when the transport has reported a broken connection since the last look, the
     * frames written to that connection are unconfirmed (SPEC §12.3.1: they count as sent; their fate is unknown).
     */
    private void noteConnectionFailures() {
        long failures = counters.connectionFailures();
        if (failures != connectionFailuresSeen) {
            connectionFailuresSeen = failures;
            if (!ackMode && writtenSinceConnectionFailure > 0) {
                counters.addFramesUnconfirmed(writtenSinceConnectionFailure);
            }
            writtenSinceConnectionFailure = 0;
        }
    }

    /**
     * Waits before retry {@code n} (n >= 1) a uniform random time in {@code [d/2, d]},
     * {@code d = min(backoff_max, backoff * 2^(n-1))}. A worker that is stopping never waits past the deadline.
     */
    private Wait backoff(int n, boolean fanOut) {
        long waitNanos = jitteredBackoffNanos(n);
        if (!fanOut && stopping) {
            if (stopDeadlinePassed() || System.nanoTime() + waitNanos - stopDeadlineNanos >= 0) {
                return Wait.ABANDON;
            }
        }
        if (waitNanos > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(waitNanos));
            } catch (InterruptedException e) {
                if (fanOut) {
                    Thread.currentThread().interrupt();
                    return Wait.GIVE_UP;
                }
                if (stopping) {
                    return Wait.ABANDON;
                }
            }
        }
        return !fanOut && stopping && stopDeadlinePassed() ? Wait.ABANDON : Wait.PROCEED;
    }

    /** The jittered backoff before retry {@code n}, in nanoseconds. */
    long jitteredBackoffNanos(int n) {
        long base = settings.retryBackoff().toNanos();
        long cap = settings.retryBackoffMax().toNanos();
        int shift = n - 1;
        long d = shift >= 62 || base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        if (d <= 0) {
            return 0L;
        }
        long half = d / 2;
        return half + random.nextLong(d - half + 1);
    }

    /** Worker thread: §11.7, an unexpected failure of the loop. */
    private void onFailure(Throwable failure) {
        if (abandoned || (stopping && stopDeadlinePassed())) {
            // Interrupted at the stop deadline; stop() has accounted for everything left.
            counters.workerStopped();
            terminated.countDown();
            return;
        }
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        int attempt = 0;
        List<T> lost = List.of();
        boolean stoppingNow;
        Long failureTick;
        buffer.lock.lock();
        try {
            failureTick = buffer.latestEnqueueTick();
            counters.workerFailed(error, failureTick);
            stoppingNow = stopping;
            if (!stoppingNow) {
                attempt = restartBudget.tryAcquire(clock.instant());
                if (attempt == 0) {
                    dead = true;
                    absorbLocked();
                    lost = buffer.drainAll();
                    buffer.notFull.signalAll();
                }
            }
        } finally {
            buffer.lock.unlock();
        }
        LOG.log(Level.ERROR, "Telemetry flush worker failed: " + error, failure);
        if (attempt > 0) {
            counters.incrementWorkerRestarts();
            LOG.log(Level.WARNING, "Telemetry flush worker restarting (attempt " + attempt + "/"
                    + restartBudget.limit() + ")");
            startThread();
            return;
        }
        if (!stoppingNow) {
            if (!lost.isEmpty()) {
                counters.addDropped(lost.size());
                markResync(lost.get(lost.size() - 1).seq());
            }
            LOG.log(Level.ERROR, "Telemetry flush worker restart limit reached (" + restartBudget.limit()
                    + " attempts)");
        }
        terminated.countDown();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Any thread: the first item encoded with a {@code seq} above {@code seq} becomes a keyframe. */
    private void markResync(long seq) {
        resyncAfterSeq.accumulateAndGet(seq, Math::max);
    }

    /** Send lock held, before encoding {@code seq}: passes a due resync on to the producer. */
    private void applyResyncIfDue(long seq) {
        long pending = resyncAfterSeq.get();
        while (pending != NO_RESYNC && seq > pending) {
            if (resyncAfterSeq.compareAndSet(pending, NO_RESYNC)) {
                producer.requestKeyframe();
                return;
            }
            pending = resyncAfterSeq.get();
        }
    }

    private boolean stopDeadlinePassed() {
        return stopping && System.nanoTime() - stopDeadlineNanos >= 0;
    }

    private static String describe(Throwable e) {
        return e instanceof TransportException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static boolean awaitNanos(CountDownLatch latch, long nanos) {
        try {
            return latch.await(Math.max(0L, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return latch.getCount() == 0;
        }
    }

    private static boolean join(Thread thread, long nanos) {
        if (thread == Thread.currentThread()) {
            return false;
        }
        try {
            long millis = Math.max(0L, TimeUnit.NANOSECONDS.toMillis(nanos));
            if (millis > 0) {
                thread.join(millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /**
     * A batch in hand. Each of its items is settled exactly once: by the sender (sent, failed, transform-dropped), by
     * a failure of the worker, or by {@code stop()} at the deadline, whichever comes first; while a send is in
     * progress its frames belong to the ledger instead. Every method holds the ledger's monitor, which makes a move
     * between the two atomic with respect to {@code stop()}.
     */
    private static final class InFlight<T extends BufferedItem> {
        final List<T> items;
        private final Object lock;
        private long unsettled;
        private boolean abandoned;

        InFlight(List<T> items, Object lock) {
            this.items = List.copyOf(items);
            this.lock = lock;
            this.unsettled = items.size();
        }

        /** Settles {@code n} items; {@code false} if the batch was abandoned and they are already counted. */
        boolean settle(long n) {
            synchronized (lock) {
                if (abandoned) {
                    return false;
                }
                unsettled -= n;
                return true;
            }
        }

        /** Ledger monitor held: {@code n} items move to the ledger; {@code false} if the batch was abandoned. */
        boolean handOver(long n) {
            if (abandoned) {
                return false;
            }
            unsettled -= n;
            return true;
        }

        /** Ledger monitor held: {@code n} items come back from the ledger, unsent. */
        void handBack(long n) {
            unsettled += n;
        }

        /** Abandons the batch; returns how many items were not settled yet (0 on later calls). */
        long abandon() {
            synchronized (lock) {
                if (abandoned) {
                    return 0;
                }
                abandoned = true;
                long rest = Math.max(0L, unsettled);
                unsettled = 0;
                return rest;
            }
        }

        long lastSeq() {
            return items.get(items.size() - 1).seq();
        }

        long lastTick() {
            return items.get(items.size() - 1).tick();
        }
    }

    // ------------------------------------------------------------------------------------------------ builder

    /**
     * Builds a {@link TelemetryWorker}. Transport, producer and counters are required; settings default to
     * {@link WorkerSettings#DEFAULTS}, the clock to the UTC system clock, the random generator to an unseeded one and
     * the sleeper to {@link Sleeper#system()}. Single-threaded.
     *
     * @param <T> the buffered item type
     */
    public static final class Builder<T extends BufferedItem> {
        private Transport transport;
        private FrameProducer<T> producer;
        private PipelineCounters counters;
        private WorkerSettings settings = WorkerSettings.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new Random();
        private Sleeper sleeper = Sleeper.system();

        private Builder() {
        }

        /** The transport; started by {@link TelemetryWorker#start()}, closed by {@link TelemetryWorker#stop()}. */
        public Builder<T> transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Encodes items into frames; called only under the send lock. */
        public Builder<T> producer(FrameProducer<T> producer) {
            this.producer = Objects.requireNonNull(producer, "producer");
            return this;
        }

        /** Where the worker counts what it does; shared with the publisher. */
        public Builder<T> counters(PipelineCounters counters) {
            this.counters = Objects.requireNonNull(counters, "counters");
            return this;
        }

        /** Buffer, batching, backpressure, retry, restart and stop settings. */
        public Builder<T> settings(WorkerSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The clock of the restart window. */
        public Builder<T> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The generator of the retry jitter (seed it for reproducible backoffs); used only under the send lock. */
        public Builder<T> random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How retry backoffs are waited out. */
        public Builder<T> sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The worker; starts nothing.
         *
         * @throws NullPointerException if transport, producer or counters is missing
         */
        public TelemetryWorker<T> build() {
            return new TelemetryWorker<>(this);
        }
    }
}
