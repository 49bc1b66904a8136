package org.townlet.telemetry.core.worker;

import java.util.ArrayDeque;
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
 * <p>Threads: every method takes the one {@link #lock} (reentrant, so callers may already hold it to combine steps).
 * The simulation thread appends; the worker thread takes; either may drop. {@link #notFull} is signalled whenever items
 * leave; {@link #workAvailable} is the worker's wake-up condition, signalled by whoever decides a flush trigger holds.
 *
 * @param <T> the item type
 */
final class FrameBuffer<T extends BufferedItem> {
    /** Guards every field below, and the worker's trigger state kept by {@link TelemetryWorker}. */
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when items leave the buffer (a {@code block} producer waits on it). */
    final Condition notFull = lock.newCondition();
    /** Signalled when the worker should look at the buffer (a flush trigger, a stop). */
    final Condition workAvailable = lock.newCondition();

    private final long maxBufferBytes;
    private final int maxBufferFrames;
    private final LongConsumer queueLengthSink;
    private final ArrayDeque<Entry<T>> entries = new ArrayDeque<>();
    /** The replay window's bytes (acknowledged delivery); a lock-free read, called under {@link #lock}. */
    private final LongSupplier replayBytes;
    private long totalBytes;
    private long latestEnqueueTick;
    private boolean anyEnqueued;

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
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("size must be >= 0; got " + sizeBytes);
        }
        lock.lock();
        try {
            entries.addLast(new Entry<>(item, sizeBytes));
            totalBytes += sizeBytes;
            latestEnqueueTick = anyEnqueued ? Math.max(latestEnqueueTick, item.tick()) : item.tick();
            anyEnqueued = true;
            queueLengthSink.accept(entries.size());
        } finally {
            lock.unlock();
        }
    }

    /** Whether the buffer is over capacity (strictly more bytes than allowed, or more items). */
    boolean isOverCapacity() {
        lock.lock();
        try {
            return totalBytes + Math.max(0L, replayBytes.getAsLong()) > maxBufferBytes
                    || entries.size() > maxBufferFrames;
        } finally {
            lock.unlock();
        }
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
            while (!entries.isEmpty() && isOverCapacity()) {
                popped.add(removeFirst());
            }
            afterRemoval(popped.size());
            return popped;
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to {@code max} items from the head, oldest first; they leave the buffer and its byte account. */
    List<T> take(int max) {
        lock.lock();
        try {
            int n = Math.min(max, entries.size());
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
            return entries.size();
        } finally {
            lock.unlock();
        }
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

    private T removeFirst() {
        Entry<T> entry = entries.removeFirst();
        totalBytes -= entry.size();
        return entry.item();
    }

    private void afterRemoval(int removed) {
        if (removed > 0) {
            queueLengthSink.accept(entries.size());
            notFull.signalAll();
        }
    }

    private record Entry<T>(T item, long size) {
    }
}
