package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class DocumentSlotTest {
    private static DocumentSlot.Prebuilt prebuilt(String marker, long nonfinite) {
        LinkedHashMap<String, Object> document = new LinkedHashMap<>();
        document.put("marker", marker);
        return new DocumentSlot.Prebuilt(document, nonfinite);
    }

    @Test
    void aFilledSlotGivesItsDocumentToTheWorker() {
        DocumentSlot slot = new DocumentSlot();
        assertThat(slot.claim()).isTrue();
        assertThat(slot.claim()).as("claimed once").isFalse();
        DocumentSlot.Prebuilt built = prebuilt("ahead", 2);
        slot.fill(built);

        assertThat(slot.isFilled()).isTrue();
        assertThat(slot.take(0, 0)).isSameAs(built);
    }

    @Test
    void anEmptySlotIsClosedByTheWorkerSoNothingIsBuiltForItLater() {
        DocumentSlot slot = new DocumentSlot();
        assertThat(slot.take(Duration.ofSeconds(1).toNanos(), 0)).as("no wait for an empty slot").isNull();
        assertThat(slot.claim()).isFalse();
        assertThat(slot.take(0, 0)).isNull();
    }

    /** Runs {@code take} on a thread of its own, named so that a stuck test shows what it waited for. */
    private static final class Taker extends Thread {
        private final DocumentSlot slot;
        private final long buildPatience;
        private final long claimPatience;
        private final CompletableFuture<DocumentSlot.Prebuilt> taken = new CompletableFuture<>();

        Taker(DocumentSlot slot, Duration buildPatience, Duration claimPatience) {
            super("document-slot-taker");
            this.slot = slot;
            this.buildPatience = buildPatience.toNanos();
            this.claimPatience = claimPatience.toNanos();
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            taken.complete(slot.take(buildPatience, claimPatience));
        }

        /** Waits until the taker is parked in {@code take} on the slot (it could not have returned without waiting). */
        Taker parked() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (LockSupport.getBlocker(this) != slot) {
                assertThat(taken).as("take returned instead of waiting").isNotDone();
                assertThat(System.nanoTime() - deadline).as("taker parked within 30 s").isNegative();
                Thread.onSpinWait();
            }
            return this;
        }

        DocumentSlot.Prebuilt get() throws Exception {
            return taken.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theWorkerWaitsForADocumentBeingBuilt() throws Exception {
        DocumentSlot slot = new DocumentSlot();
        assertThat(slot.claim()).isTrue();
        DocumentSlot.Prebuilt built = prebuilt("ahead", 0);

        // claimed and not filled: the worker waits (parked) rather than give up, and fill() wakes it
        Taker taker = new Taker(slot, Duration.ofSeconds(30), Duration.ZERO).parked();
        slot.fill(built);

        assertThat(taker.get()).isSameAs(built);
    }

    @Test
    void theWorkerWaitsForABuildThatHasNotStartedWhenToldToAndIsWokenWhenItIsFilled() throws Exception {
        DocumentSlot slot = new DocumentSlot();
        DocumentSlot.Prebuilt built = prebuilt("ahead", 0);

        // empty and not closed: the worker waits for the builder to start on it
        Taker taker = new Taker(slot, Duration.ofSeconds(30), Duration.ofSeconds(30)).parked();
        assertThat(slot.claim()).as("still open to the builder").isTrue();
        slot.fill(built);

        // woken by fill(), long before the 30 s claim patience it parked for
        assertThat(taker.get()).isSameAs(built);
    }

    @Test
    void aWorkerWaitingForAStartThatDoesNotComeClosesTheSlotWhenItsPatienceEnds() {
        DocumentSlot slot = new DocumentSlot();

        assertThat(slot.take(0, Duration.ofMillis(5).toNanos())).isNull();

        assertThat(slot.claim()).as("closed").isFalse();
    }

    @Test
    void aWorkerOutOfPatienceClosesTheSlotAndALateDocumentIsThrownAway() {
        DocumentSlot slot = new DocumentSlot();
        assertThat(slot.claim()).isTrue();

        assertThat(slot.take(Duration.ofMillis(5).toNanos(), 0)).isNull();
        slot.fill(prebuilt("late", 1));

        assertThat(slot.isFilled()).isFalse();
        assertThat(slot.take(0, 0)).isNull();
    }
}
