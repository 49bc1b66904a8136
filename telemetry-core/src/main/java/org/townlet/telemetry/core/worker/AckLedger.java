package org.townlet.telemetry.core.worker;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;

/**
 * The pipeline's record of frames handed to the transport and not settled yet (SPEC §12.3.1): with acknowledged
 * delivery, the mirror of the transport's replay window; without, the batch of the send in progress.
 *
 * <p>Every frame the worker hands to {@code Transport.send} is entered here <i>before</i> the call (an acknowledgement
 * may arrive before {@code send} returns) and then leaves exactly once: taken back by the worker (the send failed
 * before writing, or the transport does not acknowledge and the send succeeded), acknowledged by the receiver (counted
 * as sent), or sealed by {@code stop()} at its deadline (counted as dropped). Frames are handed in {@code seq} order
 * and acknowledgements are cumulative, so the entries form a FIFO.
 *
 * <p>Threads and locks: the monitor of this object guards the entries and is also the lock under which the worker
 * moves a batch's items between its in-flight record and this ledger, so each item is settled exactly once. The ack
 * reader of the transport enters through {@link #acknowledged(long)} (while holding the transport's own lock); the
 * worker never calls the transport while holding this monitor. {@link #unackedFrames()} and {@link #unackedBytes()}
 * are volatile reads, safe under the buffer lock.
 */
final class AckLedger {
    private final PipelineCounters counters;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private volatile long unackedFrames;
    private volatile long unackedBytes;
    private volatile boolean acknowledgementsSeen;
    private boolean sealed;
    /** Set when {@code stop()} waits for the last acknowledgements: nothing more is handed. */
    private boolean closedToNewFrames;
    /** Told (outside the monitor) after an acknowledgement settled frames; the worker wakes waiting threads. */
    private volatile Runnable onAcknowledged = () -> { };

    AckLedger(PipelineCounters counters) {
        this.counters = counters;
    }

    /** Frames unacknowledged, as a settlement at the stop deadline. */
    record Settlement(long frames, long bytes) {
    }

    private record Entry(long seq, long tick, long bytes) {
    }

    /** Who to tell when an acknowledgement settled frames (the worker, to wake a producer or itself). */
    void onAcknowledged(Runnable listener) {
        this.onAcknowledged = listener;
    }

    /** Monitor held: whether frames may still be handed ({@link #hand}): not sealed, not stopped accepting. */
    boolean accepting() {
        return !sealed && !closedToNewFrames;
    }

    /** Monitor held: no more frames are handed; acknowledgements of those already handed still settle them. */
    void stopAccepting() {
        closedToNewFrames = true;
    }

    /** Monitor held, {@link #accepting()}: enters the batch's frames. */
    void hand(FrameBatch batch) {
        if (!accepting()) {
            throw new IllegalStateException("the ledger accepts no more frames");
        }
        long bytes = 0;
        for (EncodedFrame frame : batch.frames()) {
            entries.addLast(new Entry(frame.seq(), frame.tick(), frame.size()));
            bytes += frame.size();
        }
        unackedFrames = entries.size();
        unackedBytes += bytes;
    }

    /**
     * Monitor held: removes the batch's frames again (they are the newest entries, unless acknowledged meanwhile).
     * Returns {@code false}, removing nothing, once sealed: the seal has counted them.
     */
    boolean takeBack(FrameBatch batch) {
        if (sealed) {
            return false;
        }
        long first = batch.frames().get(0).seq();
        long bytes = 0;
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.seq() < first) {
                break;
            }
            it.remove();
            bytes += entry.bytes();
        }
        unackedFrames = entries.size();
        unackedBytes = Math.max(0L, unackedBytes - bytes);
        return true;
    }

    /**
     * The receiver handled every frame up to and including {@code seq}: those entries leave and count as sent
     * ({@code payloads_sent_total}, {@code bytes_sent_total}, {@code last_success_tick}). Ignored once sealed: what
     * was unacknowledged at the stop deadline is already counted as dropped. Any thread.
     */
    void acknowledged(long seq) {
        long frames = 0;
        long bytes = 0;
        long lastTick = 0;
        synchronized (this) {
            acknowledgementsSeen = true;
            if (sealed) {
                return;
            }
            while (!entries.isEmpty() && entries.peekFirst().seq() <= seq) {
                Entry entry = entries.removeFirst();
                frames++;
                bytes += entry.bytes();
                lastTick = entry.tick();
            }
            unackedFrames = entries.size();
            unackedBytes = Math.max(0L, unackedBytes - bytes);
            if (frames > 0) {
                counters.acknowledged(frames, bytes, lastTick);
                notifyAll();
            }
        }
        if (frames > 0) {
            onAcknowledged.run();
        }
    }

    /**
     * Waits until every entry is acknowledged, at most {@code nanos}; returns whether none is left. Any thread but the
     * transport's ack reader; interrupts end the wait early (the flag is restored).
     */
    synchronized boolean awaitAcknowledged(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (!entries.isEmpty() && !sealed) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return entries.isEmpty();
            }
        }
        return entries.isEmpty();
    }

    /** Monitor held: no frame enters or leaves any more; returns what is left (unacknowledged), now settled. */
    Settlement seal() {
        if (sealed) {
            return new Settlement(0, 0);
        }
        sealed = true;
        long bytes = 0;
        for (Entry entry : entries) {
            bytes += entry.bytes();
        }
        Settlement left = new Settlement(entries.size(), bytes);
        entries.clear();
        unackedFrames = 0;
        unackedBytes = 0;
        return left;
    }

    /** Frames entered and not settled. */
    long unackedFrames() {
        return unackedFrames;
    }

    /** Their bytes: with acks, the replay window counted against {@code max_buffer_bytes}. */
    long unackedBytes() {
        return unackedBytes;
    }

    /** Whether the transport has ever reported an acknowledgement. */
    boolean acknowledgementsSeen() {
        return acknowledgementsSeen;
    }

    /** The tick of the newest entry; 0 when empty. */
    synchronized long newestTick() {
        Entry last = entries.peekLast();
        return last == null ? 0L : last.tick();
    }
}
