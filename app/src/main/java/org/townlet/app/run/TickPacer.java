package org.townlet.app.run;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces a run to a number of ticks per second ({@code --tick-rate}): after tick {@code k} the simulation thread
 * sleeps until {@code start + k / rate}, so the rate holds on average and a slow tick is caught up. It sleeps on a
 * condition, never spins, and {@link #wake()} (a stop request from any thread) ends the sleep at once. {@code bench}
 * paces its paced round with it too, so it measures the pipeline next to the same simulation thread a paced run has.
 */
public final class TickPacer {
    private final double ticksPerSecond;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private long start;
    private boolean stopping;

    /** @param ticksPerSecond the rate; 0 = unpaced */
    public TickPacer(double ticksPerSecond) {
        if (!(ticksPerSecond >= 0) || Double.isInfinite(ticksPerSecond)) {
            throw new IllegalArgumentException("ticksPerSecond must be >= 0; got " + ticksPerSecond);
        }
        this.ticksPerSecond = ticksPerSecond;
    }

    boolean paced() {
        return ticksPerSecond > 0;
    }

    /** Marks the start of the first tick. Simulation thread. */
    public void begin() {
        start = System.nanoTime();
    }

    /** Sleeps until tick {@code completed + 1} is due, or a stop is requested. Simulation thread. */
    public void awaitNext(long completed) throws InterruptedException {
        if (!paced()) {
            return;
        }
        long due = start + (long) (completed * 1e9 / ticksPerSecond);
        lock.lock();
        try {
            long remaining = due - System.nanoTime();
            while (!stopping && remaining > 0) {
                woken.awaitNanos(remaining);
                remaining = due - System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends any sleep and every later one. Any thread. */
    void wake() {
        lock.lock();
        try {
            stopping = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
