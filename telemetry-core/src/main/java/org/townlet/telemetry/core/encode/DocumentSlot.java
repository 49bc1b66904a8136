package org.townlet.telemetry.core.encode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Where a frame's snapshot document is kept when a thread other than the worker builds it ahead
 * ({@link PublisherFrameProducer#prebuild}). The worker never waits on that thread's lock: it takes the document when
 * it is there, waits a short, bounded while for one being built, and otherwise builds the document itself. A slot
 * moves once from empty to claimed (by the thread building ahead) to filled, or to closed (the worker gave up on it);
 * so a document is used at most once, and one the worker did not wait for is thrown away.
 *
 * <p>Threads: {@link #claim} and {@link #fill} from the thread building ahead, {@link #take} from the worker; all
 * transitions are compare-and-set. The state is a field of the slot itself (a {@code VarHandle}, not an
 * {@code AtomicReference}): the simulation thread allocates one slot per tick with the tick's completion.
 */
public final class DocumentSlot {
    /** A document built ahead, with the non-finite values nulled while building it (counted when it is used). */
    record Prebuilt(LinkedHashMap<String, Object> document, long nonfinite) {
        Prebuilt {
            Objects.requireNonNull(document, "document");
        }
    }

    private static final Object CLAIMED = new Object();
    private static final Object CLOSED = new Object();

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(DocumentSlot.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code null} (empty), {@link #CLAIMED}, {@link #CLOSED} or a {@link Prebuilt}. */
    private volatile Object state;
    /** The worker while it is parked in {@link #take}, so that {@link #fill} can wake it; else null. */
    private volatile Thread waiter;

    /** An empty slot. */
    public DocumentSlot() {
    }

    /** Claims the slot for building ahead; false when it is not empty any more (built, being built or closed). */
    boolean claim() {
        return STATE.compareAndSet(this, null, CLAIMED);
    }

    /**
     * Stores the document built after {@link #claim} and wakes the worker if it waits for it; the document is thrown
     * away if the worker closed the slot meanwhile.
     */
    void fill(Prebuilt prebuilt) {
        STATE.compareAndSet(this, CLAIMED, Objects.requireNonNull(prebuilt, "prebuilt"));
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }

    /**
     * The worker's turn: the document built ahead, or {@code null} when there is none, and the slot is then closed
     * (the worker builds the document itself). An empty slot is closed at once, unless {@code claimPatienceNanos} is
     * positive: then the worker waits that long for the thread building ahead to claim it (the caller knows that thread
     * comes to this slot next). A claimed slot is waited for until {@code buildPatienceNanos} after the claim patience
     * ends, so never longer than the two together. The worker parks while it waits; {@link #fill} wakes it.
     *
     * <p>A race with the building thread (a claim or a fill between this thread's read and its compare-and-set) takes
     * no branch of its own: the loop reads the state again either way. This method is inlined into the worker's frame
     * path, and C2 compiles a branch that its profile never saw taken as a trap which, once taken, throws away the
     * whole compiled frame path: a race seen once in tens of thousands of frames did that several times a run, each
     * time followed by seconds of slower code and a recompilation (docs/PERFORMANCE.md, change 45).
     */
    Prebuilt take(long buildPatienceNanos, long claimPatienceNanos) {
        if (state instanceof Prebuilt prebuilt) {
            return prebuilt;
        }
        long claimDeadline = System.nanoTime() + claimPatienceNanos;
        long buildDeadline = claimDeadline + buildPatienceNanos;
        // Set before the loop reads the state: fill() writes the state and then reads this, so either fill() sees the
        // waiter and unparks it, or the loop sees the filled state. No wake-up is lost, and no second look is needed.
        waiter = Thread.currentThread();
        try {
            while (true) {
                Object current = state;
                if (current instanceof Prebuilt prebuilt) {
                    return prebuilt;
                }
                if (current == CLOSED) {
                    return null;
                }
                // Empty: wait for a claim. Being built: the builder is most likely running and nearly done, or was just
                // descheduled; give it the core for a moment rather than build the same document twice.
                long deadline = current == null ? claimDeadline : buildDeadline;
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    // Closed, or claimed or filled meanwhile: the next round reads which.
                    STATE.compareAndSet(this, current, CLOSED);
                } else {
                    LockSupport.parkNanos(this, deadline - now);
                }
            }
        } finally {
            waiter = null;
        }
    }

    /** Whether a document built ahead is here (for tests). */
    boolean isFilled() {
        return state instanceof Prebuilt;
    }
}
