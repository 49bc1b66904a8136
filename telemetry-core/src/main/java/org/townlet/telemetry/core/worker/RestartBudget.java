package org.townlet.telemetry.core.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The sliding-window restart budget of SPEC §11.7: at most {@code limit} restarts within any {@code window}
 * (orig: a lifetime budget). Thread-safe (synchronized; called only when the worker fails).
 */
final class RestartBudget {
    private final int limit;
    private final Duration window;
    private final ArrayDeque<Instant> restarts = new ArrayDeque<>();

    RestartBudget(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /**
     * Grants a restart at {@code now} if fewer than {@code limit} restarts fall within the window ending at
     * {@code now}.
     *
     * @return the restart's number within the window (1-based), or 0 when the budget is spent
     */
    synchronized int tryAcquire(Instant now) {
        Instant windowStart = now.minus(window);
        while (!restarts.isEmpty() && !restarts.peekFirst().isAfter(windowStart)) {
            restarts.removeFirst();
        }
        if (restarts.size() >= limit) {
            return 0;
        }
        restarts.addLast(now);
        return restarts.size();
    }

    /** The configured limit. */
    int limit() {
        return limit;
    }
}
