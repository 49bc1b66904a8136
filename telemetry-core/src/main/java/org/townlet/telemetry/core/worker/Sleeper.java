package org.townlet.telemetry.core.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits out a retry backoff (SPEC §11.6). Injected into {@link TelemetryWorker} so tests can record the waits and run
 * on virtual time; the default, {@link #system()}, sleeps the calling thread.
 *
 * <p>Threads: called by the worker thread, or by a {@code fan_out} producer, while it holds the send lock. An
 * implementation that really waits must respond to interruption: {@code stop()} interrupts the worker at its
 * deadline.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits for {@code duration} (positive).
     *
     * @throws InterruptedException if the thread was interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread ({@link TimeUnit#sleep}). */
    static Sleeper system() {
        return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
