package org.townlet.telemetry.core.worker;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/** Waiting for an outcome under a generous limit, Awaitility-style, so a broken worker fails instead of hanging. */
final class Waits {
    /** Far above anything the tests configure; reached only when something is broken. */
    static final Duration LIMIT = Duration.ofSeconds(20);

    private Waits() {
    }

    /** Polls {@code condition} until it holds; fails with {@code what} after {@link #LIMIT}. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + LIMIT + " waiting until " + what);
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }
}
