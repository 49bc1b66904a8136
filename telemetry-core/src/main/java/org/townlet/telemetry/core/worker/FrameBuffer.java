package org.townlet.telemetry.core.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The pipeline buffer (SPEC §11.1): a FIFO of pending items with a byte account and an item count.
 *
 * <p><b>Over capacity</b> means {@code totalBytes + replayBytes > maxBufferBytes} (strictly greater; the replay bytes
 * are the transport's unacknowledged window, read live from a supplier, 0 without acks) or more than
 * {@code maxBufferFrames} items. An item's size is fixed when it is appended and given explicitly.
 *
 * <p>Threads: every field is guarded by the one {@link #lock}. The simulation thread appends; the worker thread takes;
 * either may drop. The methods without a suffix take the lock themselves (it is reentrant, so callers may already
 * hold it); the {@code ...Locked} ones require the caller to hold it, so that {@code offer} can do its whole step
 * under one acquisition. {@link #notFull} is signalled whenever items leave; {@link #workAvailable} is the worker's
 * wake-up condition, signalled by whoever decides a flush trigger holds.
 *
 * <p>Storage: a ring of two parallel arrays (items and their sizes) that doubles when full and never shrinks, so an
 * append allocates nothing once the ring has grown to the queue's working size.
 *
 * @param <T> the item type
 */
final class FrameBuffer<T extends BufferedItem> {
    private static final int INITIAL_SLOTS = 64;

    /** Guards every field below, and the worker's trigger state kept by {@link TelemetryWorker}. */
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when items leave the buffer (a {@code block} producer waits on it). */
    final Condition notFull = lock.newCondition();
    /** Signalled when the worker should look at the buffer (a flush trigger, a stop). */
    final Condition workAvailable = lock.newCondition();

    private final long maxBufferBytes;
    private final int maxBufferFrames;
    private final LongConsumer queueLengthSink;
    /** The replay window's bytes (acknowledged delivery); a lock-free read, called under {@link #lock}. */
    private final LongSupplier replayBytes;
    private Object[] items = new Object[INITIAL_SLOTS];
    private long[] sizes = new long[INITIAL_SLOTS];
    /** Ring index of the oldest item. */
    private int head;
    private int count;
    private long totalBytes;
    private long latestEnqueueTick;
    private boolean anyEnqueued;
    /**
     * The {@code seq} of the last item dropped from the head for capacity, -1 before any. Head drops go oldest first,
     * so it only grows. Written under the lock; volatile for {@link #lastDroppedSeq()}.
     */
    private volatile long lastDroppedSeq = -1;

    /** A buffer without a replay window that reports its length nowhere (unit tests). */
    FrameBuffer(long maxBufferBytes, int maxBufferFrames) {
        this(maxBufferBytes, maxBufferFrames, length -> { }, () -> 0L);
    }

    /**
     * @param queueLengthSink told the new item count (under the lock) after every change
     * @param replayBytes     the bytes of the transport's replay window, counted against the byte capacity; must not
     *                        block (it is read under the lock)
     */
    FrameBuffer(long maxBufferBytes, int maxBufferFrames, LongConsumer queueLengthSink, LongSupplier replayBytes) {
        if (maxBufferBytes < 1 || maxBufferFrames < 1) {
            throw new IllegalArgumentException("buffer capacity must be >= 1; got " + maxBufferBytes + " bytes, "
                    + maxBufferFrames + " frames");
        }
        this.maxBufferBytes = maxBufferBytes;
        this.maxBufferFrames = maxBufferFrames;
        this.queueLengthSink = queueLengthSink;
        this.replayBytes = replayBytes;
    }

    /** Appends {@code item} with its size in bytes; raises {@link #latestEnqueueTick()} to the item's tick. */
    void append(T item, long sizeBytes) {
        lock.lock();
        try {
            appendLocked(item, sizeBytes);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #append} with the lock held. */
    void appendLocked(T item, long sizeBytes) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must be >= 0; got " + sizeBytes);
        }
        if (count == items.length) {
            grow();
        }
        int slot = (head + count) & (items.length - 1);
        items[slot] = item;
        sizes[slot] = sizeBytes;
        count++;
        totalBytes += sizeBytes;
        latestEnqueueTick = anyEnqueued ? Math.max(latestEnqueueTick, item.tick()) : item.tick();
        anyEnqueued = true;
        queueLengthSink.accept(count);
    }

    /** Whether the buffer is over capacity (strictly more bytes than allowed, or more items). */
    boolean isOverCapacity() {
        lock.lock();
        try {
            return isOverCapacityLocked();
        } finally {
            lock.unlock();
        }
    }

    /** {@link #isOverCapacity} with the lock held. */
    boolean isOverCapacityLocked() {
        return count > maxBufferFrames || totalBytes + Math.max(0L, replayBytes.getAsLong()) > maxBufferBytes;
    }

    /** Pops from the head (oldest) while over capacity and non-empty; returns how many were dropped. */
    int dropUntilWithinCapacity() {
        return popOverflow().size();
    }

    /** Pops from the head (oldest) while over capacity and non-empty; returns the popped items, oldest first. */
    List<T> popOverflow() {
        lock.lock();
        try {
            List<T> popped = new ArrayList<>();
            while (count > 0 && isOverCapacityLocked()) {
                popped.add(dropFirst());
            }
            afterRemoval(popped.size());
            return popped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #popOverflow} for a caller that needs only the count (the {@code drop_oldest} offer, which drops on every
     * offer while the worker falls behind): lock held, no list. The {@code seq} of the last item dropped is then
     * {@link #lastDroppedSeq()}.
     */
    int dropOverflowLocked() {
        int dropped = 0;
        while (count > 0 && isOverCapacityLocked()) {
            dropFirst();
            dropped++;
        }
        afterRemoval(dropped);
        return dropped;
    }

    /** Lock held: removes the head item for capacity and remembers its {@code seq}. */
    private T dropFirst() {
        T item = removeFirst();
        lastDroppedSeq = item.seq();
        return item;
    }

    /**
     * The {@code seq} of the last item dropped from the head for capacity, -1 before any. Without the lock it is a
     * hint (a drop under way may not show yet); nothing up to it will be produced.
     */
    long lastDroppedSeq() {
        return lastDroppedSeq;
    }

    /** Takes up to {@code max} items from the head, oldest first; they leave the buffer and its byte account. */
    List<T> take(int max) {
        lock.lock();
        try {
            int n = Math.min(max, count);
            List<T> taken = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                taken.add(removeFirst());
            }
            afterRemoval(n);
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Removes every item, oldest first. */
    List<T> drainAll() {
        return take(Integer.MAX_VALUE);
    }

    /** The number of buffered items ({@code queue_length}). */
    int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #size} with the lock held. */
    int sizeLocked() {
        return count;
    }

    /** The byte account of the buffered items (without the replay bytes). */
    long totalBytes() {
        lock.lock();
        try {
            return totalBytes;
        } finally {
            lock.unlock();
        }
    }

    /** The highest tick appended so far; 0 before the first append. */
    long latestEnqueueTick() {
        lock.lock();
        try {
            return latestEnqueueTick;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #latestEnqueueTick} with the lock held. */
    long latestEnqueueTickLocked() {
        return latestEnqueueTick;
    }

    @SuppressWarnings("unchecked")
    private T removeFirst() {
        T item = (T) items[head];
        items[head] = null; // the ring must not keep sent frames' read models alive
        totalBytes -= sizes[head];
        head = (head + 1) & (items.length - 1);
        count--;
        return item;
    }

    /** Doubles the ring (a power of two, so slots are masked, not divided), oldest item first. */
    private void grow() {
        Object[] grownItems = new Object[items.length * 2];
        long[] grownSizes = new long[items.length * 2];
        for (int i = 0; i < count; i++) {
            int slot = (head + i) & (items.length - 1);
            grownItems[i] = items[slot];
            grownSizes[i] = sizes[slot];
        }
        items = grownItems;
        sizes = grownSizes;
        head = 0;
    }

    private void afterRemoval(int removed) {
        if (removed > 0) {
            queueLengthSink.accept(count);
            notFull.signalAll();
        }
    }
}
