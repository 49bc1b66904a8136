package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void theWorkerWaitsForADocumentBeingBuilt() throws Exception {
        DocumentSlot slot = new DocumentSlot();
        assertThat(slot.claim()).isTrue();
        DocumentSlot.Prebuilt built = prebuilt("ahead", 0);
        CompletableFuture<DocumentSlot.Prebuilt> taken = CompletableFuture.supplyAsync(
                () -> slot.take(Duration.ofSeconds(30).toNanos(), 0));
        // claimed and not filled: the worker cannot have given up within its patience
        assertThat(taken).isNotDone();
        slot.fill(built);

        assertThat(taken.get(30, TimeUnit.SECONDS)).isSameAs(built);
    }

    @Test
    void theWorkerWaitsForABuildThatHasNotStartedWhenToldToAndIsWokenWhenItIsFilled() throws Exception {
        DocumentSlot slot = new DocumentSlot();
        DocumentSlot.Prebuilt built = prebuilt("ahead", 0);
        CompletableFuture<DocumentSlot.Prebuilt> taken = CompletableFuture.supplyAsync(
                () -> slot.take(Duration.ofSeconds(30).toNanos(), Duration.ofSeconds(30).toNanos()));
        // empty and not closed: the worker waits for the builder to start on it
        assertThat(taken).isNotDone();
        assertThat(slot.claim()).as("still open to the builder").isTrue();
        slot.fill(built);

        assertThat(taken.get(30, TimeUnit.SECONDS)).isSameAs(built);
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
