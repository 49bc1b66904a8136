package org.townlet.telemetry.core.worker;

import java.util.Locale;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Rate-limits backpressure drop warnings (SPEC §11.3): the first drop is reported with its own message, afterwards at
 * most one summary per {@link #SUMMARY_INTERVAL_NANOS}. Returns the message to log (or {@code null}); the caller logs
 * it outside its locks. Thread-safe (synchronized; called only when something is dropped).
 */
final class DropLog {
    /** At most one summary per 10 s. */
    static final long SUMMARY_INTERVAL_NANOS = 10_000_000_000L;
    /** How a summary line begins. */
    static final String SUMMARY_PREFIX = "telemetry_drops_summary ";

    private final LongSupplier nanoTime;
    private boolean firstReported;
    private long lastReportNanos;
    private long unreported;
    private long total;

    DropLog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Records {@code n} dropped items.
     *
     * @param firstMessage makes the message to log if this is the first drop, from {@code n}; called only then, so
     *                     a producer dropping on every offer builds no message
     * @return the message to log now, or {@code null}
     */
    synchronized String dropped(long n, LongFunction<String> firstMessage) {
        total += n;
        long now = nanoTime.getAsLong();
        if (!firstReported) {
            firstReported = true;
            lastReportNanos = now;
            return firstMessage.apply(n);
        }
        unreported += n;
        return now - lastReportNanos >= SUMMARY_INTERVAL_NANOS ? summary(now) : null;
    }

    /** The summary of drops not reported yet (at stop), or {@code null}. */
    synchronized String pendingSummary() {
        return unreported > 0 ? summary(nanoTime.getAsLong()) : null;
    }

    private String summary(long now) {
        String message = String.format(Locale.ROOT, SUMMARY_PREFIX + "dropped=%d interval_s=%.1f total=%d",
                unreported, (now - lastReportNanos) / 1e9, total);
        unreported = 0;
        lastReportNanos = now;
        return message;
    }
}
