package org.townlet.app.run;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.townlet.app.config.WorkerConfig;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * The end of a run under {@code block} backpressure: after the last tick, the simulation thread waits for the pipeline
 * to ship its backlog before the bounded stop (SPEC §11.8) counts whatever is left as dropped. Such a run chose to wait
 * for its transport rather than drop frames, and it ends with a full buffer whenever the simulation outran the
 * transport: on a busy machine the stop deadline alone ({@code stop_timeout_seconds}, 2 s) may be too short to drain
 * it, and the last frames of a complete run would then be lost.
 *
 * <p>It waits only while the pipeline makes progress. It returns when every frame built was sent or dropped, when the
 * transport is failing (a dead transport is the bounded stop's business), when a stop is requested (Ctrl-C), or when
 * nothing was sent or dropped for {@code stallLimit}. Simulation thread only; it polls the status.
 */
final class BacklogDrain {
    /** Why the wait ended. */
    enum Outcome { DRAINED, FAILING, STOP_REQUESTED, STALLED }

    static final Duration POLL = Duration.ofMillis(20);
    /**
     * How long a run waits without a frame sent or dropped before it stops anyway: as long as the longest
     * {@code block} wait of one frame, whatever {@code block_timeout_seconds} the run has (a short offer wait says
     * nothing about how long one slow flush of the transport may take).
     */
    static final Duration STALL_LIMIT = Duration.ofMillis(Math.round(WorkerConfig.MAX_BLOCK_TIMEOUT_SECONDS * 1000));

    private final Supplier<TransportStatus> status;
    private final Duration stallLimit;
    private final LongSupplier nanoTime;
    private final LongConsumer pause;

    /**
     * @param status     the sink's transport status
     * @param stallLimit the longest time without a frame sent or dropped before it gives up
     */
    BacklogDrain(Supplier<TransportStatus> status, Duration stallLimit) {
        this(status, stallLimit, System::nanoTime, LockSupport::parkNanos);
    }

    /** With a clock and a pause of its own (tests). */
    BacklogDrain(Supplier<TransportStatus> status, Duration stallLimit, LongSupplier nanoTime, LongConsumer pause) {
        this.status = Objects.requireNonNull(status, "status");
        this.stallLimit = Objects.requireNonNull(stallLimit, "stallLimit");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /** Waits as described above; {@code stopRequested} is polled with the status. */
    Outcome await(BooleanSupplier stopRequested) {
        long lastSettled = -1;
        long lastProgress = nanoTime.getAsLong();
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return Outcome.STOP_REQUESTED;
            }
            TransportStatus s = status.get();
            if (s.allFramesSettled()) {
                return Outcome.DRAINED;
            }
            if (failing(s)) {
                return Outcome.FAILING;
            }
            long now = nanoTime.getAsLong();
            long settled = s.framesSettled();
            if (settled != lastSettled) {
                lastSettled = settled;
                lastProgress = now;
            } else if (now - lastProgress >= stallLimit.toNanos()) {
                return Outcome.STALLED;
            }
            pause.accept(POLL.toNanos());
        }
    }

    /** The last send failed, or the transport reported an error (a failed start) and has not sent since. */
    private static boolean failing(TransportStatus s) {
        return s.consecutiveSendFailures() > 0 || (!s.connected() && s.lastError() != null);
    }
}
