package org.townlet.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.status.TransportStatus;

/** The end-of-run wait of a block run, on a clock that moves only when the drain pauses. */
class BacklogDrainTest {
    private static final Duration STALL = Duration.ofSeconds(5);

    private final AtomicLong now = new AtomicLong();
    private final AtomicReference<TransportStatus> status = new AtomicReference<>(status(b -> b.queueLength(300)));
    private final AtomicBoolean stop = new AtomicBoolean();
    /** What the pipeline does during each pause; by default nothing. */
    private Runnable duringPause = () -> { };
    private int pauses;

    private BacklogDrain drain() {
        return new BacklogDrain(status::get, STALL, now::get, nanos -> {
            pauses++;
            now.addAndGet(nanos);
            duringPause.run();
        });
    }

    private static TransportStatus status(UnaryOperator<TransportStatus.Builder> change) {
        // 300 frames built; the tests say how many are buffered, sent or dropped
        return change.apply(TransportStatus.builder("kafka", "block").framesBuiltTotal(300)).build();
    }

    @Test
    void waitsWhileFramesAreShippedUntilTheBufferIsEmpty() {
        duringPause = () -> {
            TransportStatus s = status.get();
            long left = Math.max(0, s.queueLength() - 10);
            status.set(s.toBuilder().queueLength(left).payloadsSentTotal(s.payloadsSentTotal() + 10).build());
        };

        assertThat(drain().await(stop::get)).isEqualTo(BacklogDrain.Outcome.DRAINED);
        assertThat(status.get().payloadsSentTotal()).isEqualTo(300);
    }

    @Test
    void anEmptyBufferIsNotEnoughWhileTheLastBatchIsOnItsWay() {
        status.set(status(b -> b.queueLength(0).payloadsSentTotal(268)));
        duringPause = () -> status.set(status(b -> b.queueLength(0).payloadsSentTotal(300)));

        assertThat(drain().await(stop::get)).isEqualTo(BacklogDrain.Outcome.DRAINED);
        assertThat(pauses).isEqualTo(1);
    }

    @Test
    void aSlowSendIsWaitedForUpToTheStallLimit() {
        AtomicLong sendEndsAt = new AtomicLong(STALL.toNanos() - BacklogDrain.POLL.toNanos());
        duringPause = () -> {
            if (now.get() >= sendEndsAt.get()) {
                status.set(status(b -> b.queueLength(0).payloadsSentTotal(300)));
            }
        };

        assertThat(drain().await(stop::get)).isEqualTo(BacklogDrain.Outcome.DRAINED);
    }

    @Test
    void givesUpWhenNothingIsSentOrDroppedForTheStallLimit() {
        assertThat(drain().await(stop::get)).isEqualTo(BacklogDrain.Outcome.STALLED);
        assertThat(now.get()).isEqualTo(STALL.toNanos());
    }

    @Test
    void doesNotWaitForAFailingTransport() {
        status.set(status(b -> b.queueLength(300).consecutiveSendFailures(1)));
        assertThat(drain().await(stop::get)).isEqualTo(BacklogDrain.Outcome.FAILING);

        status.set(status(b -> b.queueLength(300).connected(false).lastError("kafka: cannot connect to h:1")));
        assertThat(drain().await(stop::get)).isEqualTo(BacklogDrain.Outcome.FAILING);
        assertThat(pauses).isZero();
    }

    @Test
    void aStopRequestEndsTheWait() {
        duringPause = () -> stop.set(true);

        assertThat(drain().await(stop::get)).isEqualTo(BacklogDrain.Outcome.STOP_REQUESTED);
        assertThat(pauses).isEqualTo(1);
    }
}
