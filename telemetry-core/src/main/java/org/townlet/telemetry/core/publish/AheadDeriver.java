package org.townlet.telemetry.core.publish;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Does the pipeline's work that can run ahead of the worker, on a thread of its own ({@value #THREAD_NAME}): it
 * ingests what the simulation queued, computes the derived read models and builds the snapshot documents of the ticks
 * completed so far, so that the worker, which otherwise does all of that before it can diff, validate and encode a
 * frame ({@link CompletionFrameProducer}), spends its core on frames alone. On two cores the simulation leaves most of
 * the other core idle; this puts part of it to use (SPEC §20 P2).
 *
 * <p>Correctness does not depend on it: ingestion and derivation happen once, in order, by whichever thread gets
 * there first ({@code IngestionLog}, {@code aggregate.Derivation}), a document built ahead is the one the worker would
 * build, and the worker does whatever this thread has not reached yet. It only changes who pays.
 *
 * <p>Waiting: nobody signals this thread, because an unpark would cost the simulation thread a system call per tick.
 * It looks for new ticks every {@link #DOZE_NANOS} while it found work within the last {@link #BUSY_WINDOW_NANOS},
 * and every {@link #NAP_NANOS} otherwise, so an idle pipeline costs a few hundred cheap wake-ups a second; while
 * documents wait to be built it does not doze at all.
 *
 * <p>Threads: {@link #start()} and {@link #stop(Duration)} from the lifecycle caller; the loop runs on its own thread.
 */
final class AheadDeriver {
    /** The thread's name. */
    static final String THREAD_NAME = "telemetry-deriver";
    /** How often it looks while ticks keep coming: about one tick at 10,000 ticks/s. */
    static final long DOZE_NANOS = 100_000L;
    /** How long after its last work it keeps dozing rather than napping. */
    static final long BUSY_WINDOW_NANOS = 50_000_000L;
    /** How often it looks when idle. */
    static final long NAP_NANOS = 2_000_000L;

    private static final System.Logger LOG = System.getLogger(AheadDeriver.class.getName());

    private final BooleanSupplier work;
    private final BooleanSupplier moreWaiting;
    /** Parks the thread for the given nanoseconds (its own doze in production; a counting one in tests). */
    private final LongConsumer doze;
    private volatile boolean running;
    /** Lifecycle caller only. */
    private Thread thread;

    /**
     * Runs {@code work} (ingest, derive and build ahead what there is; true when it found something to do) whenever it
     * looks; after a round that found work, the next starts at once, without a doze, while {@code moreWaiting} says
     * that work is already waiting.
     */
    AheadDeriver(BooleanSupplier work, BooleanSupplier moreWaiting) {
        this(work, moreWaiting, null);
    }

    /** As above, dozing with {@code doze} (tests: it sees every doze's length); {@code null} parks the thread. */
    AheadDeriver(BooleanSupplier work, BooleanSupplier moreWaiting, LongConsumer doze) {
        this.work = Objects.requireNonNull(work, "work");
        this.moreWaiting = Objects.requireNonNull(moreWaiting, "moreWaiting");
        this.doze = doze != null ? doze : nanos -> LockSupport.parkNanos(this, nanos);
    }

    /** Starts the thread; only the first call does anything. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and waits for it at most {@code budget}; idempotent. */
    synchronized void stop(Duration budget) {
        running = false;
        Thread current = thread;
        if (current == null) {
            return;
        }
        LockSupport.unpark(current);
        try {
            current.join(Math.max(1, budget.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the thread is running (for tests). */
    boolean isAlive() {
        Thread current;
        synchronized (this) {
            current = thread;
        }
        return current != null && current.isAlive();
    }

    private void run() {
        long lastWork = System.nanoTime() - BUSY_WINDOW_NANOS;
        boolean warned = false;
        while (running) {
            try {
                if (work.getAsBoolean()) {
                    lastWork = System.nanoTime();
                    if (moreWaiting.getAsBoolean()) {
                        // A round builds a few documents at most: go on at once rather than doze, or the doze would
                        // cap how many documents a second this thread can build ahead.
                        continue;
                    }
                }
            } catch (RuntimeException e) {
                // Each derivation step reports its own errors; this only guards the loop. The worker derives
                // whatever is left, so log once and keep going.
                if (!warned) {
                    LOG.log(Level.WARNING, "Telemetry deriver failed; the worker derives instead: " + e, e);
                    warned = true;
                }
            }
            boolean busy = System.nanoTime() - lastWork < BUSY_WINDOW_NANOS;
            doze.accept(busy ? DOZE_NANOS : NAP_NANOS);
        }
    }
}
