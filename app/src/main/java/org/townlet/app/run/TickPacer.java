package org.townlet.app.run;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces a run to a number of ticks per second ({@code --tick-rate}): tick {@code k + 1} starts no earlier than
 * {@code start + k / rate}, so the rate holds on average, is never exceeded, and a slow tick is caught up. It sleeps on
 * a condition, never spins, and {@link #wake()} (a stop request from any thread) ends the sleep at once. {@code bench}
 * paces its paced round with it too, so it measures the pipeline next to the same simulation thread a paced run has.
 *
 * <p>It wakes at whole {@link #QUANTUM_NANOS} after the start: a tick due inside a quantum starts at its end, with the
 * other ticks due in it, one after another. So above 1,000 ticks/s the thread sleeps once a millisecond and not once
 * a tick, and each tick starts less than a millisecond late. Why: on the 2-core reference machine (a VM) a paced run
 * at 5,000 ticks/s slept ~4,100 times a second, which cost the simulation thread 17 % of a core in the kernel and
 * preempted the telemetry worker ~1,100 times a second (docs/PERFORMANCE.md, change 42).
 */
public final class TickPacer {
    /** The sleeping granularity (see the class comment). */
    static final long QUANTUM_NANOS = 1_000_000L;

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
        long due = dueAfter(completed);
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

    /**
     * When tick {@code completed + 1} may start, on the {@link System#nanoTime()} scale: the end of the quantum its due
     * time falls in (a due time on a quantum's boundary stays). Paced only.
     */
    long dueAfter(long completed) {
        long offset = (long) (completed * 1e9 / ticksPerSecond);
        return start + Math.floorDiv(offset + QUANTUM_NANOS - 1, QUANTUM_NANOS) * QUANTUM_NANOS;
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
