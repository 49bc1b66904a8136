package org.townlet.telemetry.core.encode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Objects;

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

    /** An empty slot. */
    public DocumentSlot() {
    }

    /** Claims the slot for building ahead; false when it is not empty any more (built, being built or closed). */
    boolean claim() {
        return STATE.compareAndSet(this, null, CLAIMED);
    }

    /** Stores the document built after {@link #claim}; it is thrown away if the worker closed the slot meanwhile. */
    void fill(Prebuilt prebuilt) {
        STATE.compareAndSet(this, CLAIMED, Objects.requireNonNull(prebuilt, "prebuilt"));
    }

    /**
     * The worker's turn: the document built ahead, waiting at most {@code patienceNanos} while one is being built;
     * {@code null} when there is none, and the slot is then closed (the worker builds the document itself).
     */
    Prebuilt take(long patienceNanos) {
        long deadline = 0;
        while (true) {
            Object current = state;
            if (current instanceof Prebuilt prebuilt) {
                return prebuilt;
            }
            if (current == CLOSED) {
                return null;
            }
            if (current == null) {
                if (STATE.compareAndSet(this, null, CLOSED)) {
                    return null;
                }
                continue;
            }
            // Being built: the builder is most likely running and nearly done, or was just descheduled; give it the
            // core for a moment rather than build the same document twice, but never wait for long.
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + patienceNanos;
            } else if (now - deadline >= 0 && STATE.compareAndSet(this, CLAIMED, CLOSED)) {
                return null;
            }
            Thread.yield();
        }
    }

    /** Whether a document built ahead is here (for tests). */
    boolean isFilled() {
        return state instanceof Prebuilt;
    }
}
