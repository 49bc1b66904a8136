package org.townlet.telemetry.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.core.aggregate.DerivedModels;
import org.townlet.telemetry.core.aggregate.ReadModelStore;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.narration.NarrationEngine;

/** The deriver thread runs its work with no other reader: derived models come out as eager ingestion's. */
class AheadDeriverTest {

    private static ReadModelStore store(boolean eager, List<String> errors) {
        return new ReadModelStore(Map.of(), NarrationEngine.withDefaults(),
                (step, error) -> errors.add(step + ": " + error), eager);
    }

    private static LoopTick tick(long tick) {
        return LoopTick.builder()
                .world(WorldView.builder()
                        .queueMetrics(new QueueMetrics(tick / 2, tick / 7, tick / 11))
                        .jobs(Map.of("alice", Map.of("lateness_counter", tick % 4)))
                        .build())
                .events(List.of(WorldEvent.of("queue_conflict", "object_id", "stove_1", "actor", "alice", "rival",
                        "bob", "reason", "ghost_step", "intensity", 0.5, "queue_length", 2)))
                .build();
    }

    /** The publisher's round without the log and the documents: derive what the store holds. */
    private static boolean deriveNewest(ReadModelStore store) {
        boolean pending = !store.published().derivation().isComputed();
        store.published().derivation().get();
        return pending;
    }

    @Test
    void derivesWhatWasIngestedWithoutAnyOtherReader() {
        List<String> errors = new ArrayList<>();
        ReadModelStore lazy = store(false, errors);
        ReadModelStore eager = store(true, new ArrayList<>());
        AheadDeriver deriver = new AheadDeriver(() -> deriveNewest(lazy), () -> false);
        deriver.start();
        try {
            List<ReadModels> kept = new ArrayList<>();
            for (long tick = 1; tick <= 60; tick++) {
                lazy.ingestLoopTick(tick, tick(tick));
                eager.ingestLoopTick(tick, tick(tick));
                kept.add(lazy.published());
            }
            // Ingestion below the store's bound never derives, and nothing else reads: only the deriver can.
            await().atMost(Duration.ofSeconds(20)).until(() -> lazy.published().derivation().isComputed());

            assertThat(kept).allSatisfy(models -> assertThat(models.derivation().isComputed()).isTrue());
            DerivedModels derived = lazy.published().derivation().get();
            assertThat(derived).isEqualTo(eager.published().derivation().get());
            assertThat(derived.queueHistory()).isNotEmpty();
            assertThat(errors).isEmpty();
        } finally {
            deriver.stop(Duration.ofSeconds(5));
        }
        assertThat(deriver.isAlive()).isFalse();
    }

    @Test
    void goesOnWithoutADozeWhileMoreWorkWaitsAndDozesOnceItIsDone() throws InterruptedException {
        // 1,000 rounds find work with more waiting after each; then the rounds find nothing.
        int busyRounds = 1_000;
        AtomicInteger rounds = new AtomicInteger();
        List<Long> dozes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch dozedTwice = new CountDownLatch(2);
        AheadDeriver deriver = new AheadDeriver(() -> rounds.incrementAndGet() <= busyRounds,
                () -> rounds.get() < busyRounds, nanos -> {
                    // negative: a doze while the rounds still found work
                    dozes.add(rounds.get() <= busyRounds ? -nanos : nanos);
                    dozedTwice.countDown();
                    LockSupport.parkNanos(nanos);
                });
        deriver.start();
        try {
            assertThat(dozedTwice.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            deriver.stop(Duration.ofSeconds(5));
        }

        assertThat(deriver.isAlive()).isFalse();
        // Only the last busy round, after which nothing more waited, dozes (a short doze: work was just found); then
        // the rounds that find nothing doze.
        List<Long> seen = List.copyOf(dozes);
        assertThat(seen.get(0)).isEqualTo(-AheadDeriver.DOZE_NANOS);
        assertThat(seen.subList(1, seen.size())).isNotEmpty().allMatch(nanos -> nanos > 0);
    }

    @Test
    void stopEndsTheThreadAndIsIdempotent() {
        ReadModelStore store = store(false, new ArrayList<>());
        AheadDeriver deriver = new AheadDeriver(() -> deriveNewest(store), () -> false);
        deriver.stop(Duration.ofSeconds(1)); // before start: nothing to stop
        deriver.start();
        deriver.start(); // one thread only
        assertThat(deriver.isAlive()).isTrue();

        deriver.stop(Duration.ofSeconds(5));
        deriver.stop(Duration.ofSeconds(5));

        assertThat(deriver.isAlive()).isFalse();
    }
}
