package org.townlet.telemetry.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.townlet.telemetry.core.worker.Waits.awaitTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportCallbacks;
import org.townlet.telemetry.api.transport.TransportException;
import org.townlet.telemetry.testing.LogCapture;
import org.townlet.telemetry.testing.ManualClock;

/**
 * The worker with a transport that acknowledges deliveries (SPEC §12.3.1): frames count as sent only when
 * acknowledged, the replay window counts against the byte budget, and what is unacknowledged at the stop deadline is
 * dropped, so {@code frames_built_total = payloads_sent_total + frames_dropped_total} holds once {@code stop()}
 * returns. Also {@code frames_unconfirmed} without acknowledgements.
 */
class AcknowledgedDeliveryTest {
    private static final Duration NEVER = Duration.ofSeconds(30);
    /** Frames of seq 0..9 encode to 10 bytes each. */
    private static final long FRAME_SIZE = SeqProducer.bytesOf(0).length;

    private final SeqProducer producer = new SeqProducer();
    private final List<TelemetryWorker<TestItem>> workers = new ArrayList<>();
    private PipelineCounters counters;
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.of(TelemetryWorker.class);
        counters = new PipelineCounters("tcp", "drop_oldest", false, false, false, false);
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

    private TelemetryWorker<TestItem> worker(WorkerSettings.Builder settings, Transport transport) {
        TelemetryWorker<TestItem> worker = TelemetryWorker.<TestItem>builder()
                .transport(transport)
                .producer(producer)
                .counters(counters)
                .settings(settings.build())
                .clock(new ManualClock())
                .random(new Random(42))
                .build();
        workers.add(worker);
        return worker;
    }

    private OfferOutcome offer(TelemetryWorker<TestItem> worker, long seq) {
        counters.incrementFramesBuilt();
        return worker.offer(TestItem.of(seq), FRAME_SIZE);
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

    @Test
    void framesCountAsSentOnlyWhenAcknowledged() {
        AckingTransport transport = new AckingTransport(counters.transportCallbacks());
        TelemetryWorker<TestItem> worker = worker(settings(), transport);
        worker.start();

        for (long seq = 0; seq < 5; seq++) {
            offer(worker, seq);
        }
        awaitTrue("5 frames written", () -> status().connected() && status().payloadsFlushedTotal() == 5);
        assertThat(transport.written()).hasSize(5);
        assertThat(status().payloadsSentTotal()).isZero();
        assertThat(status().framesUnacked()).isEqualTo(5);
        assertThat(status().payloadsFlushedTotal()).isEqualTo(5);
        assertThat(status().connected()).isTrue();

        transport.ackUpTo(2);
        assertThat(status().payloadsSentTotal()).isEqualTo(3);
        assertThat(status().bytesSentTotal()).isEqualTo(3 * FRAME_SIZE);
        assertThat(status().framesUnacked()).isEqualTo(2);
        assertThat(status().lastSuccessTick()).isEqualTo(3L);

        transport.ackUpTo(4);
        StopReport report = worker.stop();

        assertThat(report.undelivered()).isZero();
        assertThat(status().payloadsSentTotal()).isEqualTo(5);
        assertThat(status().framesDroppedTotal()).isZero();
        assertThat(status().framesUnacked()).isZero();
        assertInvariant();
    }

    @Test
    void unacknowledgedFramesAtTheStopDeadlineCountAsDropped() {
        AckingTransport transport = new AckingTransport(counters.transportCallbacks());
        TelemetryWorker<TestItem> worker = worker(settings().stopTimeout(Duration.ofMillis(300)), transport);
        worker.start();
        for (long seq = 0; seq < 10; seq++) {
            offer(worker, seq);
        }
        awaitTrue("10 frames written", () -> transport.written().size() == 10);
        transport.ackUpTo(3);

        StopReport report = worker.stop();

        assertThat(report.undelivered()).isEqualTo(6);
        assertThat(report.deadlineReached()).isTrue();
        TransportStatus status = status();
        assertThat(status.payloadsSentTotal()).isEqualTo(4);
        assertThat(status.framesDroppedTotal()).isEqualTo(6);
        assertThat(status.droppedMessages()).isEqualTo(6);
        assertThat(status.payloadsFailedTotal()).as("never known to be delivered").isEqualTo(6);
        assertThat(status.payloadsFlushedTotal()).isEqualTo(status.payloadsSentTotal() + status.payloadsFailedTotal());
        assertThat(status.framesUnacked()).isZero();
        assertThat(transport.flushes()).as("the drain asked the transport to flush its window").isPositive();
        assertInvariant();
        assertThat(logs.warnings()).contains("Telemetry stop deadline reached; 6 frames not delivered");

        transport.ackUpTo(9);
        assertThat(status().payloadsSentTotal()).as("an acknowledgement after the deadline changes nothing")
                .isEqualTo(4);
        assertInvariant();
    }

    @Test
    void stopFlushesTheWindowUntilItIsAcknowledged() {
        AckingTransport transport = new AckingTransport(counters.transportCallbacks()).ackingOnFlush();
        TelemetryWorker<TestItem> worker = worker(settings(), transport);
        worker.start();
        for (long seq = 0; seq < 4; seq++) {
            offer(worker, seq);
        }
        awaitTrue("4 frames written", () -> transport.written().size() == 4);
        assertThat(status().payloadsSentTotal()).isZero();

        StopReport report = worker.stop();

        assertThat(report.undelivered()).isZero();
        assertThat(report.deadlineReached()).isFalse();
        assertThat(status().payloadsSentTotal()).isEqualTo(4);
        assertThat(status().framesDroppedTotal()).isZero();
        assertInvariant();
    }

    @Test
    void framesAcknowledgedJustAfterTheStopDeadlineCountAsSent() {
        AckingTransport transport = new AckingTransport(counters.transportCallbacks()).ackingWhenFlushIsInterrupted();
        TelemetryWorker<TestItem> worker = worker(settings().stopTimeout(Duration.ofMillis(100)), transport);
        worker.start();
        for (long seq = 0; seq < 4; seq++) {
            offer(worker, seq);
        }
        awaitTrue("4 frames in the replay window", () -> status().framesUnacked() == 4);

        StopReport report = worker.stop();

        assertThat(report.undelivered()).as("written to a receiver that is up: acknowledged within the grace")
                .isZero();
        assertThat(status().payloadsSentTotal()).isEqualTo(4);
        assertThat(status().framesDroppedTotal()).isZero();
        assertInvariant();
    }

    @Test
    void aFailedWriteIsCountedButNeitherRetriedNorDroppedAndTheWindowIsResentAfterTheReconnect() {
        AckingTransport transport = new AckingTransport(counters.transportCallbacks());
        TelemetryWorker<TestItem> worker = worker(settings().retryMaxAttempts(0), transport);
        worker.start();
        offer(worker, 0);
        awaitTrue("frame 0 written", () -> transport.written().size() == 1);
        int keyframeRequests = producer.keyframeRequests();

        transport.failNextWrite();
        offer(worker, 1);
        awaitTrue("the failed write counted", () -> status().sendFailuresTotal() == 1);
        TransportStatus afterFailure = status();
        assertThat(afterFailure.connected()).isFalse();
        assertThat(afterFailure.lastError()).isEqualTo("write failed: connection reset");
        assertThat(afterFailure.framesDroppedTotal()).as("with acks a written frame is not dropped").isZero();
        assertThat(afterFailure.payloadsFailedTotal()).isZero();
        assertThat(afterFailure.framesUnacked()).isEqualTo(2);
        awaitTrue("the failed write logged", () -> logs.warnings().stream().anyMatch(w -> w.startsWith(
                "Telemetry transport send failed; 2 unacknowledged frames wait to be resent after the next connect")));

        offer(worker, 2);
        awaitTrue("the window resent and frame 2 written", () -> transport.written().size() == 4
                && status().framesResentTotal() == 2 && status().reconnectsTotal() == 1);
        assertThat(transport.writtenSeqs()).containsExactly(0L, 0L, 1L, 2L);
        assertThat(status().framesResentTotal()).isEqualTo(2);
        assertThat(status().reconnectsTotal()).isEqualTo(1);
        assertThat(producer.keyframeRequests()).as("a reconnect requests a keyframe")
                .isGreaterThan(keyframeRequests);

        transport.ackUpTo(2);
        worker.stop();
        assertThat(status().payloadsSentTotal()).isEqualTo(3);
        assertThat(status().framesDroppedTotal()).isZero();
        assertInvariant();
    }

    @Test
    void theReplayWindowCountsAgainstTheBufferBudget() {
        AckingTransport transport = new AckingTransport(counters.transportCallbacks());
        TelemetryWorker<TestItem> worker = worker(settings().maxBufferBytes(3 * FRAME_SIZE), transport);
        worker.start();
        for (long seq = 0; seq < 3; seq++) {
            assertThat(offer(worker, seq)).isEqualTo(OfferOutcome.ACCEPTED);
            long unacked = seq + 1;
            awaitTrue("frame " + seq + " in the replay window", () -> status().framesUnacked() == unacked);
        }

        OfferOutcome overBudget = offer(worker, 3);

        assertThat(overBudget).as("the window holds the whole budget: the buffered frame is dropped")
                .isEqualTo(new OfferOutcome.AcceptedAfterDrop(1));
        assertThat(status().framesDroppedTotal()).isEqualTo(1);
        assertThat(transport.writtenSeqs()).containsExactly(0L, 1L, 2L);

        transport.ackUpTo(2);
        assertThat(offer(worker, 4)).isEqualTo(OfferOutcome.ACCEPTED);
        awaitTrue("frame 4 written", () -> transport.written().size() == 4);
        EncodedFrame afterGap = transport.written().get(3);
        assertThat(afterGap.seq()).isEqualTo(4);
        assertThat(afterGap.kind()).as("the first frame after a gap is a keyframe").isEqualTo(FrameKind.SNAPSHOT);
        transport.ackUpTo(4);
        worker.stop();
        assertThat(status().payloadsSentTotal()).isEqualTo(4);
        assertInvariant();
    }

    @Test
    void aFanOutProducerDropsItsOverflowWhileTheWindowFillsTheBudget() {
        AckingTransport transport = new AckingTransport(counters.transportCallbacks());
        TelemetryWorker<TestItem> worker = worker(settings().maxBufferBytes(3 * FRAME_SIZE).flushIntervalTicks(1000)
                .maxBatchSize(100).backpressure(BackpressureStrategy.FAN_OUT), transport);
        worker.start();
        for (long seq = 0; seq < 3; seq++) {
            offer(worker, seq);
        }
        worker.requestFlush();
        awaitTrue("3 frames in the replay window", () -> status().framesUnacked() == 3);

        OfferOutcome outcome = offer(worker, 3);

        assertThat(outcome).isEqualTo(new OfferOutcome.AcceptedAfterDrop(1));
        assertThat(producer.encodeThreads()).as("nothing was sent on the producer's thread")
                .containsOnly(TelemetryWorker.THREAD_NAME);
        assertThat(status().framesDroppedTotal()).isEqualTo(1);
        transport.ackUpTo(2);
        worker.stop();
        assertInvariant();
    }

    @Test
    void aConnectThatFailsWritesNothingAndIsRetriedAsUsual() {
        AckingTransport transport = new AckingTransport(counters.transportCallbacks()).ackingEveryWrite();
        TelemetryWorker<TestItem> worker = worker(settings().retryMaxAttempts(1), transport);
        worker.start();
        offer(worker, 0);
        awaitTrue("frame 0 acknowledged", () -> status().payloadsSentTotal() == 1);

        transport.failNextWrite();
        transport.refuseConnects();
        offer(worker, 1);
        awaitTrue("frame 1's write failed", () -> status().sendFailuresTotal() == 1);
        offer(worker, 2);
        awaitTrue("frame 2's batch failed for good", () -> status().payloadsFailedTotal() >= 1);
        transport.acceptConnects();
        offer(worker, 3);
        awaitTrue("frame 3 acknowledged", () -> status().payloadsSentTotal() == 3);

        worker.stop();
        assertThat(transport.writtenSeqs()).as("frame 1 resent after the reconnect, then frame 3")
                .containsExactly(0L, 1L, 3L);
        assertThat(status().payloadsSentTotal()).isEqualTo(3);
        assertThat(status().framesDroppedTotal()).as("frame 2, whose connects failed").isEqualTo(1);
        assertThat(status().payloadsFailedTotal()).isEqualTo(1);
        assertInvariant();
    }

    @Test
    void withoutAcknowledgementsFramesWrittenToABrokenConnectionAreUnconfirmed() {
        BreakingTransport transport = new BreakingTransport(counters.transportCallbacks());
        TelemetryWorker<TestItem> worker = worker(settings().retryMaxAttempts(1), transport);
        worker.start();
        for (long seq = 0; seq < 3; seq++) {
            offer(worker, seq);
            long sent = seq + 1;
            awaitTrue("frame " + seq + " sent", () -> status().payloadsSentTotal() == sent);
        }

        transport.breakNextSend();
        offer(worker, 3);
        awaitTrue("frame 3 sent on the new connection", () -> status().payloadsSentTotal() == 4);

        TransportStatus status = status();
        assertThat(status.framesUnconfirmed()).isEqualTo(3);
        assertThat(status.framesUnacked()).isZero();
        assertThat(status.sendFailuresTotal()).isEqualTo(1);
        assertThat(status.reconnectsTotal()).isEqualTo(1);
        worker.stop();
        assertInvariant();
    }

    @Test
    void theCallbacksAreOneInstanceAndIgnoreAcknowledgementsOfNothing() {
        TransportCallbacks callbacks = counters.transportCallbacks();

        callbacks.acknowledged(5, 3, 30);

        assertThat(counters.transportCallbacks()).isSameAs(callbacks);
        assertThat(status().payloadsSentTotal()).isZero();
        callbacks.failed("connection reset");
        assertThat(status().lastError()).isEqualTo("connection reset");
        assertThat(status().connected()).isFalse();
    }

    /** A transport without acknowledgements whose connection breaks on demand (reported, then the send throws). */
    private static final class BreakingTransport implements Transport {
        private final TransportCallbacks callbacks;
        private volatile boolean breakNext;
        private boolean broken;

        BreakingTransport(TransportCallbacks callbacks) {
            this.callbacks = callbacks;
        }

        void breakNextSend() {
            breakNext = true;
        }

        @Override
        public void start() {
        }

        @Override
        public SendReport send(FrameBatch batch) throws TransportException {
            if (breakNext) {
                breakNext = false;
                broken = true;
                callbacks.failed("connection reset");
                throw new TransportException("Failed to send: connection reset");
            }
            if (broken) {
                broken = false;
                return SendReport.NEW_CONNECTION;
            }
            return SendReport.SAME_CONNECTION;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
