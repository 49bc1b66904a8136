package org.townlet.telemetry.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A monotonic nanosecond time source ({@link #read()}, like {@link System#nanoTime()}) that stands still until a test
 * moves it. Usable wherever a {@link LongSupplier} of nanoseconds is expected. Thread-safe.
 */
public final class ManualTicker implements LongSupplier {
    private final AtomicLong nanos;

    /** A ticker at 0 ns. */
    public ManualTicker() {
        this(0L);
    }

    /** A ticker at {@code startNanos}. */
    public ManualTicker(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    /** The current reading in nanoseconds. */
    public long read() {
        return nanos.get();
    }

    /** Same as {@link #read()}. */
    @Override
    public long getAsLong() {
        return read();
    }

    /** Moves the ticker forward by {@code amount} (which must not be negative) and returns the new reading. */
    public long advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return advanceNanos(amount.toNanos());
    }

    /** Moves the ticker forward by {@code delta} nanoseconds (which must not be negative). */
    public long advanceNanos(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("delta must not be negative; got " + delta);
        }
        return nanos.addAndGet(delta);
    }

    @Override
    public String toString() {
        return "ManualTicker[" + nanos.get() + " ns]";
    }
}
