package org.townlet.app.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.townlet.app.lifecycle.Lifecycle;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * Prints a progress line to stderr every two seconds while a run lasts, so runs shorter than that print none: tick,
 * ticks/s, frames sent, dropped, queue. Owns one daemon thread, {@code townlet-progress}, created by {@link #start()}
 * and stopped by {@link #stop()}.
 */
final class ProgressReporter implements Lifecycle {
    private static final long PERIOD_SECONDS = 2;

    private final LongSupplier tick;
    private final Supplier<TransportStatus> status;
    private final PrintStream out;
    private ScheduledExecutorService timer;
    // Written and read only on the progress thread.
    private long lastTick;
    private long lastNanos;

    ProgressReporter(LongSupplier tick, Supplier<TransportStatus> status, PrintStream out) {
        this.tick = tick;
        this.status = status;
        this.out = out;
    }

    @Override
    public void start() {
        lastNanos = System.nanoTime();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "townlet-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    private void report() {
        long now = System.nanoTime();
        long current = tick.getAsLong();
        double rate = (current - lastTick) / ((now - lastNanos) / 1e9);
        lastTick = current;
        lastNanos = now;
        TransportStatus s = status.get();
        out.printf(Locale.ROOT, "townlet: tick=%d ticks/s=%.0f frames_sent=%d dropped=%d queue=%d%n",
                current, rate, s.payloadsSentTotal(), s.framesDroppedTotal(), s.queueLength());
    }

    @Override
    public void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(1, TimeUnit.SECONDS);
    }
}
