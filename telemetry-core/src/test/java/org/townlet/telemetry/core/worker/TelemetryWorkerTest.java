package org.townlet.telemetry.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.townlet.telemetry.core.worker.Waits.awaitTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.testing.LogCapture;
import org.townlet.telemetry.testing.ManualClock;
import org.townlet.telemetry.testing.RecordingTransport;

class TelemetryWorkerTest {
    /** Long enough that the poll interval never fires during a test: flushes come from the other triggers. */
    private static final Duration NEVER = Duration.ofSeconds(30);
    private static final long FRAME_SIZE = SeqProducer.bytesOf(0).length;

    private final RecordingTransport transport = new RecordingTransport();
    private final SeqProducer producer = new SeqProducer();
    private final List<TelemetryWorker<TestItem>> workers = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private PipelineCounters counters;
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.of(TelemetryWorker.class);
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(TelemetryWorker::stop);
        logs.close();
    }

    private static WorkerSettings.Builder settings() {
        return WorkerSettings.builder()
                .pollInterval(NEVER)
                .retryBackoff(Duration.ZERO)
                .retryBackoffMax(Duration.ZERO)
                .stopTimeout(Duration.ofSeconds(5));
    }

    private TelemetryWorker<TestItem> worker(WorkerSettings.Builder settings) {
        return worker(settings.build(), transport, Sleeper.system(), 42);
    }

    private TelemetryWorker<TestItem> worker(WorkerSettings settings, Transport transport, Sleeper sleeper,
                                             long seed) {
        counters = new PipelineCounters("recording", settings.backpressure().configName(), false, false, false,
                false);
        TelemetryWorker<TestItem> worker = TelemetryWorker.<TestItem>builder()
                .transport(transport)
                .producer(producer)
                .counters(counters)
                .settings(settings)
                .clock(clock)
                .random(new Random(seed))
                .sleeper(sleeper)
                .build();
        workers.add(worker);
        return worker;
    }

    /** What the publisher does: count the frame as built (its seq is assigned), then offer it. */
    private OfferOutcome offer(TelemetryWorker<TestItem> worker, long seq, long size) {
        counters.incrementFramesBuilt();
        return worker.offer(TestItem.of(seq), size);
    }

    private OfferOutcome offer(TelemetryWorker<TestItem> worker, long seq) {
        return offer(worker, seq, FRAME_SIZE);
    }

    private TransportStatus status() {
        return counters.toStatus();
    }

    private void assertInvariant() {
        TransportStatus status = status();
        assertThat(status.framesBuiltTotal())
                .as("frames_built_total = payloads_sent_total + frames_dropped_total in %s", status)
                .isEqualTo(status.payloadsSentTotal() + status.framesDroppedTotal());
    }

    // ------------------------------------------------------------------------------------------------ backpressure

    @Test
    void dropsOldestWhenBufferIsFull() {
        TelemetryWorker<TestItem> worker = worker(settings().maxBufferBytes(10));

        assertThat(offer(worker, 0, 4)).isEqualTo(OfferOutcome.ACCEPTED);
        assertThat(offer(worker, 1, 4)).isEqualTo(OfferOutcome.ACCEPTED);
        assertThat(offer(worker, 2, 4)).isEqualTo(new OfferOutcome.AcceptedAfterDrop(1));

        assertThat(worker.queueLength()).isEqualTo(2);
        assertThat(status().droppedMessages()).isEqualTo(1);
        assertThat(status().framesDroppedTotal()).isEqualTo(1);
        assertThat(status().queueLengthPeak()).isEqualTo(3);
        assertThat(logs.warnings()).containsExactly("Telemetry buffer exceeded 10 bytes; dropped 1 payloads");

        worker.start();
        assertThat(transport.awaitFrames(2, Waits.LIMIT)).extracting(f -> f.seq()).containsExactly(1L, 2L);
        assertThat(transport.frames().get(0).kind()).isEqualTo(FrameKind.SNAPSHOT);
        assertThat(producer.keyframeRequests()).as("a drop requests a resync").isGreaterThanOrEqualTo(1);
        worker.stop();
        assertInvariant();
    }

    @Test
    void tinyBufferDropsAreCounted() {
        TelemetryWorker<TestItem> worker = worker(WorkerSettings.builder().maxBufferBytes(8));

        for (long seq = 0; seq < 3; seq++) {
            counters.incrementFramesBuilt();
            // Before the first frame is encoded an item is charged 4096 bytes, more than the whole buffer.
            assertThat(worker.offer(TestItem.of(seq))).isEqualTo(new OfferOutcome.AcceptedAfterDrop(1));
        }

        assertThat(status().droppedMessages()).isEqualTo(3);
        assertThat(worker.queueLength()).isZero();
        worker.start();
        worker.stop();
        assertThat(transport.frameCount()).isZero();
        assertInvariant();
    }

    @Test
    void blockWaitsForTimeoutThenDrops() throws InterruptedException {
        TelemetryWorker<TestItem> worker = worker(settings()
                .maxBufferBytes(10)
                .backpressure(BackpressureStrategy.BLOCK)
                .blockTimeout(Duration.ofMillis(50))
                .stopTimeout(Duration.ofMillis(200)));
        transport.blockSends();
        worker.start();
        offer(worker, 0, 6);
        assertThat(transport.awaitSendBlocked(Waits.LIMIT)).isTrue();
        assertThat(offer(worker, 1, 6)).isEqualTo(OfferOutcome.ACCEPTED);

        OfferOutcome outcome = offer(worker, 2, 6);

        assertThat(outcome).isInstanceOf(OfferOutcome.BlockedThenDropped.class);
        OfferOutcome.BlockedThenDropped dropped = (OfferOutcome.BlockedThenDropped) outcome;
        assertThat(dropped.nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(dropped.dropped()).isGreaterThanOrEqualTo(1);
        assertThat(transport.frameCount()).isZero();
        assertThat(status().blockedMsTotal()).isGreaterThan(0);
        assertThat(status().droppedMessages()).isGreaterThanOrEqualTo(1);
        assertThat(logs.warnings()).contains("Telemetry buffer drop fallback; dropped 1 payloads");

        StopReport report = worker.stop();
        assertThat(report.deadlineReached()).isTrue();
        assertThat(report.workerTerminated()).as("closing the transport unblocks the send").isTrue();
        assertThat(transport.frameCount()).isZero();
        assertInvariant();
    }

    @Test
    void blockAcceptsOnceTheWorkerMakesRoom() {
        TelemetryWorker<TestItem> worker = worker(settings()
                .maxBufferBytes(10)
                .flushIntervalTicks(1_000)
                .backpressure(BackpressureStrategy.BLOCK)
                .blockTimeout(Duration.ofSeconds(20)));
        worker.start();
        offer(worker, 0, 6);

        // Over capacity: the blocked producer is itself a flush trigger, so the worker empties the buffer.
        OfferOutcome outcome = offer(worker, 1, 6);

        assertThat(outcome).isInstanceOf(OfferOutcome.BlockedThenAccepted.class);
        worker.stop();
        assertThat(transport.seqs()).containsExactly(0L, 1L);
        assertThat(status().droppedMessages()).isZero();
        assertInvariant();
    }

    /** {@code block} with waits far beyond {@link Waits#LIMIT}, and a worker that retries a failed send only later. */
    private static WorkerSettings.Builder blockBehindARetryingWorker() {
        return settings()
                .maxBufferBytes(10)
                .backpressure(BackpressureStrategy.BLOCK)
                .blockTimeout(Duration.ofMinutes(10))
                .retryBackoff(Duration.ofMinutes(1))
                .retryBackoffMax(Duration.ofMinutes(1))
                .stopTimeout(Duration.ofMillis(200));
    }

    @Test
    void blockDoesNotWaitWhileTheTransportKeepsFailing() throws Exception {
        transport.failNextSends(1_000);
        TelemetryWorker<TestItem> worker = worker(blockBehindARetryingWorker());
        worker.start();
        offer(worker, 0, 6);
        awaitTrue("the first send failed", () -> status().sendFailuresTotal() >= 1);
        assertThat(offer(worker, 1, 6)).isEqualTo(OfferOutcome.ACCEPTED);

        // Over capacity while the transport is failing: the oldest is dropped at once, as drop_oldest would.
        OfferOutcome outcome = CompletableFuture.supplyAsync(() -> offer(worker, 2, 6))
                .get(Waits.LIMIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(outcome).isEqualTo(new OfferOutcome.AcceptedAfterDrop(1));
        assertThat(status().blockedMsTotal()).isZero();
        assertThat(status().droppedMessages()).isEqualTo(1);
        assertThat(logs.warnings()).contains("Telemetry buffer drop fallback; dropped 1 payloads");
        worker.stop();
        assertInvariant();
    }

    @Test
    void aBlockedProducerStopsWaitingWhenTheTransportFails() throws Exception {
        transport.failNextSends(1_000).blockSends();
        TelemetryWorker<TestItem> worker = worker(blockBehindARetryingWorker());
        worker.start();
        offer(worker, 0, 6);
        assertThat(transport.awaitSendBlocked(Waits.LIMIT)).isTrue();
        assertThat(offer(worker, 1, 6)).isEqualTo(OfferOutcome.ACCEPTED);
        CompletableFuture<OfferOutcome> blocked = new CompletableFuture<>();
        Thread producerThread = new Thread(() -> blocked.complete(offer(worker, 2, 6)), "blocked-producer");
        producerThread.start();
        awaitTrue("the producer waits for room", () -> producerThread.getState() == Thread.State.TIMED_WAITING);

        transport.releaseSends(); // the held send fails

        OfferOutcome outcome = blocked.get(Waits.LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(outcome).isInstanceOf(OfferOutcome.BlockedThenDropped.class);
        assertThat(((OfferOutcome.BlockedThenDropped) outcome).dropped()).isEqualTo(1);
        assertThat(status().droppedMessages()).isEqualTo(1);
        worker.stop();
        assertInvariant();
    }

    @Test
    void blockWaitsForRoomAgainOnceASendSucceeds() {
        transport.failNextSends(1);
        TelemetryWorker<TestItem> worker = worker(settings()
                .maxBufferBytes(10)
                .flushIntervalTicks(1_000)
                .backpressure(BackpressureStrategy.BLOCK)
                .blockTimeout(Duration.ofSeconds(20)));
        worker.start();
        offer(worker, 0, 6);
        worker.requestFlush();
        awaitTrue("the retry delivered it", () -> status().payloadsSentTotal() == 1);
        assertThat(status().sendFailuresTotal()).isEqualTo(1);
        assertThat(offer(worker, 1, 6)).isEqualTo(OfferOutcome.ACCEPTED);

        OfferOutcome outcome = offer(worker, 2, 6);

        assertThat(outcome).isInstanceOf(OfferOutcome.BlockedThenAccepted.class);
        worker.stop();
        assertThat(transport.seqs()).containsExactly(0L, 1L, 2L);
        assertThat(status().droppedMessages()).isZero();
        assertInvariant();
    }

    @Test
    void fanOutSendsOnCallerThreadInSeqOrder() {
        TelemetryWorker<TestItem> worker = worker(settings()
                .maxBufferBytes(12)
                .flushIntervalTicks(1_000)
                .backpressure(BackpressureStrategy.FAN_OUT));
        worker.start();
        assertThat(offer(worker, 0, 5)).isEqualTo(OfferOutcome.ACCEPTED);
        assertThat(offer(worker, 1, 5)).isEqualTo(OfferOutcome.ACCEPTED);

        OfferOutcome outcome = offer(worker, 2, 5);

        assertThat(outcome).isEqualTo(new OfferOutcome.FannedOut(1));
        assertThat(transport.seqs()).containsExactly(0L);
        assertThat(transport.sendThreads()).containsExactly(Thread.currentThread().getName());
        assertThat(Thread.currentThread().getName()).isNotEqualTo(TelemetryWorker.THREAD_NAME);

        worker.stop();
        assertThat(transport.seqs()).containsExactly(0L, 1L, 2L);
        assertThat(transport.sendThreads()).last().isEqualTo(TelemetryWorker.THREAD_NAME);
        // the producer can tell the two apart (a fan_out caller must never wait for work built ahead)
        assertThat(producer.encodedOnWorkerThread()).containsExactly(false, true, true);
        assertThat(status().droppedMessages()).isZero();
        assertThat(status().framesDroppedTotal()).isZero();
        assertInvariant();
    }

    // ------------------------------------------------------------------------------------------------ batching

    @Test
    void batchesUpToMaxBatchSize() {
        TelemetryWorker<TestItem> worker = worker(settings().maxBatchSize(4).flushIntervalTicks(1_000));
        for (long seq = 0; seq < 10; seq++) {
            offer(worker, seq);
        }

        worker.start();
        transport.awaitFrames(8, Waits.LIMIT);
        worker.requestFlush();
        transport.awaitFrames(10, Waits.LIMIT);

        assertThat(transport.batches()).extracting(FrameBatch::size).containsExactly(4, 4, 2);
        assertThat(transport.seqs()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        worker.stop();
        assertThat(status().lastBatchCount()).isEqualTo(2);
        assertThat(status().lastFlushPayloadBytes()).isEqualTo(2 * FRAME_SIZE);
    }

    @Test
    void flushIntervalTicksDelaysFlush() {
        TelemetryWorker<TestItem> worker = worker(settings().flushIntervalTicks(3));
        worker.start();

        offer(worker, 0); // tick 1
        offer(worker, 1); // tick 2
        offer(worker, 2); // tick 3: 3 - 0 >= 3
        transport.awaitFrames(3, Waits.LIMIT);
        offer(worker, 3); // tick 4
        offer(worker, 4); // tick 5
        offer(worker, 5); // tick 6: 6 - 3 >= 3
        transport.awaitFrames(6, Waits.LIMIT);

        assertThat(transport.batches()).extracting(FrameBatch::size).containsExactly(3, 3);
    }

    @Test
    void pollIntervalFlushesWhatIsBuffered() {
        TelemetryWorker<TestItem> worker = worker(settings()
                .flushIntervalTicks(1_000)
                .pollInterval(Duration.ofMillis(20)));
        worker.start();

        offer(worker, 0);

        assertThat(transport.awaitFrames(1, Waits.LIMIT)).extracting(f -> f.seq()).containsExactly(0L);
    }

    // ------------------------------------------------------------------------------------------------ wake-ups

    @Test
    void anOfferArrivingAsTheWorkerDecidesToWaitStillWakesIt() throws Exception {
        // The poll interval is 30 s: only the offer's signal can make the worker flush within the wait below.
        TelemetryWorker<TestItem> worker = worker(settings());
        AtomicBoolean first = new AtomicBoolean(true);
        CompletableFuture<OfferOutcome> offered = new CompletableFuture<>();
        worker.beforeWorkerWaits(() -> {
            if (!first.compareAndSet(true, false)) {
                return;
            }
            // The worker holds the buffer lock, has found the buffer empty and is about to wait. An offer now has
            // to queue on the lock and gets it only once the wait has released it: the window a lost wake-up needs.
            Thread producer = new Thread(() -> offered.complete(offer(worker, 0)), "producer");
            producer.start();
            awaitTrue("the producer queued on the buffer lock", () -> producer.getState() == Thread.State.WAITING);
        });
        worker.start();

        assertThat(offered.get(Waits.LIMIT.toSeconds(), TimeUnit.SECONDS)).isSameAs(OfferOutcome.ACCEPTED);
        assertThat(transport.awaitFrames(1, Duration.ofSeconds(10))).extracting(f -> f.seq()).containsExactly(0L);
        assertThat(worker.wakeUps()).isEqualTo(1);
    }

    @Test
    void offersReachAWorkerThatKeepsGoingToSleep() {
        // Many rounds of "worker idle, one offer, flush": each offer races with the worker's way back to its wait.
        TelemetryWorker<TestItem> worker = worker(settings());
        worker.start();
        for (int seq = 0; seq < 300; seq++) {
            offer(worker, seq);
            transport.awaitFrames(seq + 1, Duration.ofSeconds(10));
        }
        assertThat(transport.seqs()).hasSize(300).isSorted();
        // The worker counts a batch as sent just after the transport returns: wait for the last count.
        awaitTrue("the last send counted", () -> status().payloadsSentTotal() == 300);
        assertInvariant();
    }

    @Test
    void aWorkerThatSentAMomentAgoFindsTheNextOffersWithoutBeingSignalled() {
        // Frames flowing tick after tick: the worker dozes between them and looks again by itself, so the
        // simulation thread's offers need no wake-up (SPEC §20 P1, P3).
        TelemetryWorker<TestItem> worker = worker(settings());
        worker.start();
        offer(worker, 0);
        transport.awaitFrames(1, Waits.LIMIT);
        long wakeUpsBefore = worker.wakeUps();

        for (int seq = 1; seq <= 20; seq++) {
            offer(worker, seq);
            transport.awaitFrames(seq + 1, Waits.LIMIT);
        }

        assertThat(transport.seqs()).hasSize(21).isSorted();
        // Without dozing every one of the 20 offers would signal; a few may still, when this thread is descheduled
        // for longer than the doze window on a loaded machine.
        assertThat(worker.wakeUps() - wakeUpsBefore).as("signals while frames flow").isLessThanOrEqualTo(5);
    }

    @Test
    void offersWhileTheWorkerSendsDoNotSignalIt() throws Exception {
        TelemetryWorker<TestItem> worker = worker(settings());
        AtomicInteger waits = new AtomicInteger();
        worker.beforeWorkerWaits(waits::incrementAndGet);
        worker.start();
        transport.blockSends();
        offer(worker, 0);
        assertThat(transport.awaitSendBlocked(Waits.LIMIT)).isTrue();
        long wakeUpsBefore = worker.wakeUps();
        int waitsBefore = waits.get();

        for (long seq = 1; seq <= 50; seq++) {
            assertThat(offer(worker, seq)).isSameAs(OfferOutcome.ACCEPTED);
        }
        assertThat(worker.wakeUps()).as("the worker was busy sending: no signal").isEqualTo(wakeUpsBefore);
        transport.releaseSends();

        // The worker finds the 50 items when it comes back, without a signal, and sends them before it waits again.
        transport.awaitFrames(51, Waits.LIMIT);
        awaitTrue("the worker waits again", () -> waits.get() > waitsBefore);
        assertThat(transport.seqs()).hasSize(51).isSorted();
        assertThat(worker.wakeUps()).isEqualTo(wakeUpsBefore);
        // Once it has decided to wait, the next offer (which gets the lock only when the wait has released it) wakes it.
        offer(worker, 51);
        transport.awaitFrames(52, Waits.LIMIT);
        assertThat(worker.wakeUps()).isEqualTo(wakeUpsBefore + 1);
    }

    // ------------------------------------------------------------------------------------------------ stop

    @Test
    void stopFlushesPendingEvents() {
        TelemetryWorker<TestItem> worker = worker(settings().flushIntervalTicks(1_000));
        worker.start();
        for (long seq = 0; seq < 5; seq++) {
            offer(worker, seq);
        }

        StopReport report = worker.stop();

        assertThat(report).isEqualTo(new StopReport(0, false, true, true));
        assertThat(transport.seqs()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(transport.flushCount()).isEqualTo(1);
        assertThat(transport.closeCount()).isEqualTo(1);
        assertThat(status().workerAlive()).isFalse();
        assertThat(logs.warnings()).isEmpty();
        assertInvariant();
    }

    @Test
    void stopNeverHangsOnBlockedTransport() throws Exception {
        StuckTransport stuck = new StuckTransport();
        TelemetryWorker<TestItem> worker = worker(settings().stopTimeout(Duration.ofMillis(100)).build(), stuck,
                Sleeper.system(), 42);
        try {
            worker.start();
            offer(worker, 0);
            assertThat(stuck.entered.await(Waits.LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            offer(worker, 1);
            offer(worker, 2);

            StopReport report = CompletableFuture.supplyAsync(worker::stop)
                    .get(Waits.LIMIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(report.deadlineReached()).isTrue();
            assertThat(report.undelivered()).isEqualTo(3);
            assertThat(report.workerTerminated()).isFalse();
            assertThat(stuck.closed).isTrue();
            assertThat(status().droppedMessages()).isEqualTo(3);
            assertThat(logs.warnings()).contains("Telemetry stop deadline reached; 3 frames not delivered");
            assertInvariant();
        } finally {
            stuck.release.countDown();
        }
    }

    @Test
    void stopTwiceIsSafe() {
        TelemetryWorker<TestItem> worker = worker(settings());
        worker.start();
        offer(worker, 0);

        StopReport first = worker.stop();
        StopReport second = worker.stop();

        assertThat(second).isEqualTo(first);
        assertThat(transport.closeCount()).isEqualTo(1);
        assertThat(offer(worker, 1)).isEqualTo(OfferOutcome.REJECTED_WORKER_DEAD);
        assertThat(status().droppedMessages()).isEqualTo(1);
        assertInvariant();
    }

    @Test
    void transportStartsOnce() {
        transport.crashNextSends(1);
        TelemetryWorker<TestItem> worker = worker(settings());

        worker.start();
        worker.start();
        offer(worker, 0);
        awaitTrue("the worker restarted", () -> status().workerRestartCount() == 1 && status().workerAlive());
        offer(worker, 1);
        transport.awaitFrames(1, Waits.LIMIT);
        worker.stop();
        worker.start();

        assertThat(transport.startCount()).isEqualTo(1);
        assertThat(transport.closeCount()).isEqualTo(1);
    }

    @Test
    void stopBeforeStartCountsBufferedItemsAsUndelivered() {
        TelemetryWorker<TestItem> worker = worker(settings());
        offer(worker, 0);

        StopReport report = worker.stop();

        assertThat(report.undelivered()).isEqualTo(1);
        assertThat(transport.startCount()).isZero();
        assertThat(transport.frameCount()).isZero();
        assertInvariant();
    }

    // ------------------------------------------------------------------------------------------------ retry

    @Test
    void retryBackoffIsExponentialJitteredCapped() {
        List<Duration> firstRun = runFailingBatch(7);
        List<Duration> secondRun = runFailingBatch(7);

        assertThat(firstRun).hasSize(4);
        assertThat(firstRun.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(firstRun.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(firstRun.get(2)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
        assertThat(firstRun.get(3)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
        assertThat(secondRun).as("the same seed gives the same jitter").isEqualTo(firstRun);
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START
                .plus(firstRun.stream().reduce(Duration.ZERO, Duration::plus))
                .plus(secondRun.stream().reduce(Duration.ZERO, Duration::plus)));
    }

    /** One batch that fails five times (4 retries, backoff 100 ms capped at 300 ms); returns the waits. */
    private List<Duration> runFailingBatch(long seed) {
        RecordingTransport failing = new RecordingTransport().failNextSends(5);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        Sleeper virtual = duration -> {
            waits.add(duration);
            clock.advance(duration);
        };
        TelemetryWorker<TestItem> worker = worker(settings()
                .retryMaxAttempts(4)
                .retryBackoff(Duration.ofMillis(100))
                .retryBackoffMax(Duration.ofMillis(300))
                .build(), failing, virtual, seed);
        worker.start();
        offer(worker, 0);
        awaitTrue("the batch failed for good", () -> status().payloadsFailedTotal() == 1);
        worker.stop();

        TransportStatus status = status();
        assertThat(status.sendFailuresTotal()).isEqualTo(5);
        assertThat(status.consecutiveSendFailures()).isEqualTo(5);
        assertThat(status.lastError()).isEqualTo(RecordingTransport.DEFAULT_FAILURE_MESSAGE);
        assertThat(status.connected()).isFalse();
        assertThat(status.droppedMessages()).isEqualTo(1);
        assertThat(logs.warnings()).contains(
                "Telemetry transport send failed (attempt 1/5): Injected send failure",
                "Telemetry transport send failed (attempt 5/5): Injected send failure");
        assertThat(logs.errors()).contains("Dropping telemetry payload after repeated send failures");
        assertInvariant();
        return List.copyOf(waits);
    }

    @Test
    void retryRecoversOnSecondAttempt() {
        transport.failNextSends(1);
        TelemetryWorker<TestItem> worker = worker(settings().retryMaxAttempts(1));
        worker.start();

        offer(worker, 0);
        transport.awaitFrames(1, Waits.LIMIT);
        worker.stop();

        TransportStatus status = status();
        assertThat(transport.seqs()).containsExactly(0L);
        assertThat(status.droppedMessages()).isZero();
        assertThat(status.lastFailureTick()).isEqualTo(1L);
        assertThat(status.lastSuccessTick()).isEqualTo(1L);
        assertThat(status.connected()).isTrue();
        assertThat(status.sendFailuresTotal()).isEqualTo(1);
        assertThat(status.consecutiveSendFailures()).isZero();
        assertInvariant();
    }

    @Test
    void flushTotalsAfterFailuresAndStop() {
        transport.failNextSends(1);
        TelemetryWorker<TestItem> worker = worker(settings().retryMaxAttempts(0));
        worker.start();
        offer(worker, 0);
        awaitTrue("the first batch failed", () -> status().payloadsFailedTotal() == 1);
        offer(worker, 1);
        offer(worker, 2);

        worker.stop();

        TransportStatus status = status();
        assertThat(status.payloadsFailedTotal()).isEqualTo(1);
        assertThat(status.payloadsSentTotal()).isEqualTo(2);
        assertThat(status.payloadsFlushedTotal()).isEqualTo(3);
        assertThat(status.bytesFlushedTotal()).isEqualTo(3 * FRAME_SIZE);
        assertThat(status.bytesSentTotal()).isEqualTo(2 * FRAME_SIZE);
        assertThat(status.lastBatchCount()).isGreaterThanOrEqualTo(1);
        assertThat(status.lastFlushDurationMs()).isNotNull();
        assertThat(status.droppedMessages()).isEqualTo(1);
        assertThat(producer.keyframeRequests()).as("a failed batch requests a resync").isGreaterThanOrEqualTo(1);
        assertInvariant();
    }

    @Test
    void newConnectionRequestsKeyframe() {
        transport.reportNewConnectionOnNextSends(1);
        TelemetryWorker<TestItem> worker = worker(settings());
        worker.start();

        offer(worker, 0);
        transport.awaitFrames(1, Waits.LIMIT);
        offer(worker, 1);
        transport.awaitFrames(2, Waits.LIMIT);

        assertThat(transport.frames()).extracting(f -> f.kind()).containsExactly(FrameKind.SNAPSHOT, FrameKind.SNAPSHOT);
        worker.stop();
        assertThat(status().reconnectsTotal()).isEqualTo(1);
    }

    @Test
    void transformDropIsCountedAndResyncs() {
        producer.dropping(1);
        TelemetryWorker<TestItem> worker = worker(settings());
        worker.start();

        offer(worker, 0);
        offer(worker, 1);
        offer(worker, 2);
        worker.stop();

        assertThat(transport.seqs()).containsExactly(0L, 2L);
        assertThat(transport.frames().get(1).kind()).isEqualTo(FrameKind.SNAPSHOT);
        assertThat(status().droppedMessages()).isZero();
        assertThat(status().framesDroppedTotal()).isEqualTo(1);
        assertInvariant();
    }

    // ------------------------------------------------------------------------------------------------ restart

    @Test
    void workerRestartsAfterCrash() {
        transport.crashNextSends(1);
        TelemetryWorker<TestItem> worker = worker(settings());
        worker.start();

        offer(worker, 0);
        awaitTrue("the worker restarted", () -> status().workerRestartCount() == 1 && status().workerAlive());

        TransportStatus status = status();
        assertThat(status.workerError()).isNull();
        assertThat(status.lastWorkerError()).startsWith("RuntimeException");
        assertThat(status.droppedMessages()).isEqualTo(1);
        assertThat(status.connected()).isFalse();
        assertThat(logs.errors()).anyMatch(m -> m.startsWith("Telemetry flush worker failed"));
        assertThat(logs.warnings()).contains("Telemetry flush worker restarting (attempt 1/3)");

        offer(worker, 1);
        assertThat(transport.awaitFrames(1, Waits.LIMIT)).extracting(f -> f.seq()).containsExactly(1L);
        assertThat(transport.sendThreads()).containsExactly(TelemetryWorker.THREAD_NAME);
        worker.stop();
        assertInvariant();
    }

    @Test
    void producerCrashIsAWorkerCrash() {
        producer.crashingOn(0);
        TelemetryWorker<TestItem> worker = worker(settings());
        worker.start();

        offer(worker, 0);
        awaitTrue("the worker restarted", () -> status().workerRestartCount() == 1 && status().workerAlive());
        offer(worker, 1);
        transport.awaitFrames(1, Waits.LIMIT);

        assertThat(status().lastWorkerError()).isEqualTo("RuntimeException: encode boom");
        worker.stop();
        assertInvariant();
    }

    @Test
    void workerStaysDownAfterBudget() {
        transport.crashNextSends(2);
        TelemetryWorker<TestItem> worker = worker(settings().restartLimit(1));
        worker.start();
        offer(worker, 0);
        awaitTrue("the worker restarted", () -> status().workerRestartCount() == 1 && status().workerAlive());

        offer(worker, 1);
        awaitTrue("the restart budget is spent",
                () -> logs.contains("Telemetry flush worker restart limit reached (1 attempts)"));

        assertThat(status().workerAlive()).isFalse();
        assertThat(status().workerError()).startsWith("RuntimeException");
        assertThat(offer(worker, 2)).isEqualTo(OfferOutcome.REJECTED_WORKER_DEAD);
        assertThat(status().droppedMessages()).isEqualTo(3);
        assertThat(status().workerRestartCount()).isEqualTo(1);
        worker.stop();
        assertThat(transport.frameCount()).isZero();
        assertInvariant();
    }

    @Test
    void restartBudgetSlides() {
        TelemetryWorker<TestItem> worker = worker(settings().restartLimit(1).restartWindow(Duration.ofSeconds(300)));
        worker.start();

        transport.crashNextSends(1);
        offer(worker, 0);
        awaitTrue("the first restart", () -> status().workerRestartCount() == 1 && status().workerAlive());

        clock.advance(Duration.ofSeconds(301));
        transport.crashNextSends(1);
        offer(worker, 1);
        awaitTrue("the second restart", () -> status().workerRestartCount() == 2 && status().workerAlive());

        transport.crashNextSends(1);
        offer(worker, 2);
        awaitTrue("the restart budget is spent",
                () -> logs.contains("Telemetry flush worker restart limit reached (1 attempts)"));

        assertThat(logs.warnings()).filteredOn(m -> m.equals("Telemetry flush worker restarting (attempt 1/1)"))
                .hasSize(2);
        assertThat(status().workerRestartCount()).isEqualTo(2);
        worker.stop();
        assertInvariant();
    }

    // ------------------------------------------------------------------------------------------------ invariant

    @Test
    void statusInvariantHoldsAfterStop() {
        producer.dropping(7);
        transport.failNextSends(1);
        TelemetryWorker<TestItem> worker = worker(settings().maxBufferBytes(3 * FRAME_SIZE).retryMaxAttempts(0));
        for (long seq = 0; seq < 5; seq++) {
            offer(worker, seq); // two are dropped before start
        }
        worker.start();
        for (long seq = 5; seq < 40; seq++) {
            offer(worker, seq);
        }
        transport.crashNextSends(1);
        for (long seq = 40; seq < 60; seq++) {
            offer(worker, seq);
        }

        worker.stop();

        TransportStatus status = status();
        assertThat(status.framesBuiltTotal()).isEqualTo(60);
        // seq 7 is dropped by a transform unless backpressure dropped it first.
        assertThat(status.framesDroppedTotal()).isBetween(status.droppedMessages(), status.droppedMessages() + 1);
        assertThat(status.payloadsSentTotal()).isEqualTo(transport.frameCount());
        assertThat(status.queueLength()).isZero();
        assertInvariant();
    }

    /** A transport whose send blocks until the test ends, ignoring interrupts and close, as a wedged write would. */
    private static final class StuckTransport implements Transport {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean closed;

        @Override
        public void start() {
        }

        @Override
        public SendReport send(FrameBatch batch) {
            entered.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return SendReport.SAME_CONNECTION;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    // ------------------------------------------------------------------------------------------------ queued offers

    /** What the publisher does with {@code drop_oldest}: no size given, so once the worker runs the item is queued. */
    private OfferOutcome offerQueued(TelemetryWorker<TestItem> worker, long seq) {
        counters.incrementFramesBuilt();
        return worker.offer(TestItem.of(seq));
    }

    /**
     * Starts {@code worker} (batches of one), has it send seq 0 (so queued items are charged that frame's size, not the
     * initial guess), then holds it in the send of seq 1.
     */
    private void holdInSend(TelemetryWorker<TestItem> worker) throws InterruptedException {
        worker.start();
        offer(worker, 0);
        transport.awaitFrames(1, Waits.LIMIT);
        transport.blockSends();
        offerQueued(worker, 1);
        assertThat(transport.awaitSendBlocked(Waits.LIMIT)).isTrue();
    }

    @Test
    void dropOldestOffersWhileTheWorkerSendsAreQueuedAndSentInOrder() throws Exception {
        TelemetryWorker<TestItem> worker = worker(settings().maxBatchSize(1));
        holdInSend(worker);

        for (long seq = 2; seq <= 20; seq++) {
            assertThat(offerQueued(worker, seq)).isSameAs(OfferOutcome.QUEUED);
        }
        assertThat(worker.queuedOffers()).as("the worker is in a send: nothing moved in yet").isEqualTo(19);
        assertThat(status().framesDroppedTotal()).isZero();
        transport.releaseSends();

        transport.awaitFrames(21, Waits.LIMIT);
        assertThat(transport.seqs()).isEqualTo(java.util.stream.LongStream.rangeClosed(0, 20).boxed().toList());
        assertThat(worker.queuedOffers()).isZero();
        worker.stop();
        assertInvariant();
    }

    @Test
    void queuedOffersOverCapacityDropTheOldestWhenMovedIn() throws Exception {
        TelemetryWorker<TestItem> worker = worker(settings().maxBufferBytes(2 * FRAME_SIZE).maxBatchSize(1));
        holdInSend(worker);
        for (long seq = 2; seq <= 7; seq++) {
            assertThat(offerQueued(worker, seq)).isSameAs(OfferOutcome.QUEUED);
        }
        assertThat(status().framesDroppedTotal()).as("counted when moved in, not before").isZero();

        transport.releaseSends();

        transport.awaitFrames(4, Waits.LIMIT);
        assertThat(transport.seqs()).containsExactly(0L, 1L, 6L, 7L);
        assertThat(transport.frames().get(2).kind()).as("the first frame after the gap").isEqualTo(FrameKind.SNAPSHOT);
        assertThat(status().droppedMessages()).isEqualTo(4);
        assertThat(logs.warnings()).contains("Telemetry buffer exceeded " + 2 * FRAME_SIZE + " bytes; dropped 4 payloads");
        worker.stop();
        assertInvariant();
    }

    @Test
    void anOfferWhileTheWorkerWaitsIsMovedInByTheOfferingThreadAndWakesIt() {
        TelemetryWorker<TestItem> worker = worker(settings().maxBatchSize(1));
        AtomicInteger waits = new AtomicInteger();
        worker.beforeWorkerWaits(waits::incrementAndGet);
        worker.start();

        for (int seq = 0; seq < 3; seq++) {
            int waited = seq + 1;
            // After each send the worker dozes for a while, then waits for a signal (the poll interval is 30 s).
            awaitTrue("the worker waits", () -> waits.get() >= waited);
            long wakeUpsBefore = worker.wakeUps(); // takes the buffer lock: the worker is inside its wait now

            assertThat(offerQueued(worker, seq)).as("moved in at once, not left queued").isSameAs(OfferOutcome.ACCEPTED);

            assertThat(worker.wakeUps()).isEqualTo(wakeUpsBefore + 1);
            transport.awaitFrames(seq + 1, Waits.LIMIT);
        }
        assertThat(transport.seqs()).containsExactly(0L, 1L, 2L);
        worker.stop();
        assertInvariant();
    }

    @Test
    void theOfferingThreadMovesQueuedOffersInWhileTheWorkerIsAwayInASend() throws Exception {
        TelemetryWorker<TestItem> worker = worker(settings().maxBufferBytes(4 * FRAME_SIZE).maxBatchSize(1));
        holdInSend(worker);
        long offers = 3 * TelemetryWorker.INBOX_BOUND;

        for (long seq = 2; seq < 2 + offers; seq++) {
            offerQueued(worker, seq);
        }

        assertThat(worker.queuedOffers()).as("queued offers stay bounded")
                .isLessThanOrEqualTo(TelemetryWorker.INBOX_BOUND + 64);
        assertThat(status().framesDroppedTotal()).as("dropped while the worker is still in its send")
                .isGreaterThanOrEqualTo(offers - TelemetryWorker.INBOX_BOUND - 64 - 4);
        transport.releaseSends();
        worker.stop();
        assertThat(worker.queuedOffers()).isZero();
        assertInvariant();
    }

    @Test
    void theFirstBoundCheckMovesTheQueuedOffersInWhateverTheirNumber() throws Exception {
        // so that the JIT's profile sees that path taken (BoundCheck); later checks wait for INBOX_BOUND
        TelemetryWorker<TestItem> worker = worker(settings().maxBatchSize(1));
        holdInSend(worker);
        List<Long> queued = new ArrayList<>();

        for (long seq = 2; seq < 2 + 3 * 64; seq++) {
            offerQueued(worker, seq);
            queued.add(worker.queuedOffers());
        }

        assertThat(queued).as("moved in at the first check").contains(0L);
        assertThat(queued.get(queued.size() - 1)).as("and left queued since").isGreaterThanOrEqualTo(2 * 64);
        transport.releaseSends();
        worker.stop();
        assertThat(transport.seqs()).hasSize(2 + 3 * 64);
        assertInvariant();
    }

    @Test
    void queuedOffersLeftAtTheStopDeadlineAreCountedAsDropped() throws Exception {
        TelemetryWorker<TestItem> worker = worker(settings().maxBatchSize(1).stopTimeout(Duration.ofMillis(200)));
        holdInSend(worker);
        for (long seq = 2; seq <= 6; seq++) {
            assertThat(offerQueued(worker, seq)).isSameAs(OfferOutcome.QUEUED);
        }

        StopReport report = worker.stop();

        assertThat(report.deadlineReached()).isTrue();
        assertThat(report.undelivered()).as("the frame in the send and the 5 queued").isEqualTo(6);
        assertThat(worker.queuedOffers()).isZero();
        assertInvariant();
    }

    @Test
    void everyQueuedOfferIsSentOrCountedWhenAStopRacesTheOffers() throws Exception {
        for (int round = 0; round < 20; round++) {
            TelemetryWorker<TestItem> worker = worker(settings().maxBufferBytes(8 * FRAME_SIZE).maxBatchSize(4));
            worker.start();
            CountDownLatch offering = new CountDownLatch(1);
            AtomicBoolean done = new AtomicBoolean();
            List<OfferOutcome> rejected = new CopyOnWriteArrayList<>();
            Thread offerer = new Thread(() -> {
                for (long seq = 0; seq < 100_000_000L; seq++) {
                    OfferOutcome outcome = offerQueued(worker, seq);
                    if (outcome instanceof OfferOutcome.RejectedWorkerDead) {
                        rejected.add(outcome);
                    }
                    if (done.get() && !rejected.isEmpty()) {
                        break;
                    }
                    if (seq == 100) {
                        offering.countDown();
                    }
                }
            }, "offerer");
            offerer.setDaemon(true); // a failed round must not leave it offering after the test
            offerer.start();
            assertThat(offering.await(Waits.LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            worker.stop();
            done.set(true);
            offerer.join(Waits.LIMIT.toMillis());

            assertThat(offerer.isAlive()).isFalse();
            assertThat(rejected).as("offers after the stop are rejected").isNotEmpty();
            assertInvariant();
        }
    }
}
