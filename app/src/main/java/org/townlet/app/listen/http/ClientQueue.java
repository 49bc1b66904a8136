package org.townlet.app.listen.http;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue of updates waiting for one dashboard client. The push thread {@link #offer}s and never waits: when
 * the queue is full the oldest update is dropped (every update is a full digest, so the newest one is the one worth
 * keeping) and counted. The client's own thread {@link #poll}s and writes, so a slow browser only ever delays itself.
 * Thread-safe.
 */
final class ClientQueue {
    private final int capacity;
    private final ArrayDeque<String> messages;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long dropped;
    private long offered;
    private boolean closed;

    ClientQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1; got " + capacity);
        }
        this.capacity = capacity;
        this.messages = new ArrayDeque<>(capacity);
    }

    /**
     * Queues {@code message}; never blocks. Returns whether an older update had to be dropped to make room (it is
     * counted in {@link #dropped()}). After {@link #close()} nothing is queued and nothing counted.
     */
    boolean offer(String message) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            offered++;
            boolean overflow = messages.size() >= capacity;
            if (overflow) {
                messages.pollFirst();
                dropped++;
            }
            messages.addLast(message);
            notEmpty.signal();
            return overflow;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest queued update, waiting up to {@code timeout}; null on timeout or once closed and empty. */
    String poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (messages.isEmpty()) {
                if (closed || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return messages.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Stops queueing and wakes a waiting {@link #poll}. Idempotent. */
    void close() {
        lock.lock();
        try {
            closed = true;
            messages.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Updates dropped because the client did not keep up. */
    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Updates offered (queued or not). */
    long offered() {
        lock.lock();
        try {
            return offered;
        } finally {
            lock.unlock();
        }
    }

    /** Updates waiting now. */
    int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }
}
