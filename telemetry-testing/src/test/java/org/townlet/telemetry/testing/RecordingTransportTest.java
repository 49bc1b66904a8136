package org.townlet.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.TransportException;

class RecordingTransportTest {
    /** Generous: only there so a broken test cannot hang the build. */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final RecordingTransport transport = new RecordingTransport();

    @Test
    void recordsBatchesFramesAndLinesInOrder() throws Exception {
        transport.send(FrameBatch.of(frame(0, "{\"a\":1}"), frame(1, "{\"b\":2}")));
        transport.send(FrameBatch.of(frame(2, "{\"c\":\"é\"}")));

        assertThat(transport.batches()).hasSize(2);
        assertThat(transport.frames()).extracting(EncodedFrame::seq).containsExactly(0L, 1L, 2L);
        assertThat(transport.seqs()).containsExactly(0L, 1L, 2L);
        assertThat(transport.lines()).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":\"é\"}");
        assertThat(transport.frameCount()).isEqualTo(3);
        assertThat(transport.sendThreads()).containsOnly(Thread.currentThread().getName()).hasSize(2);
    }

    @Test
    void countsLifecycleCalls() {
        transport.start();
        transport.flush();
        transport.flush();
        transport.close();

        assertThat(transport.startCount()).isEqualTo(1);
        assertThat(transport.flushCount()).isEqualTo(2);
        assertThat(transport.closeCount()).isEqualTo(1);
        assertThat(transport.isClosed()).isTrue();
    }

    @Test
    void failsTheNextSendsThenRecovers() throws Exception {
        transport.failNextSends(2, "connection refused");

        assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(0, "{}"))))
                .isInstanceOf(TransportException.class).hasMessage("connection refused");
        assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(0, "{}"))))
                .isInstanceOf(TransportException.class).hasMessage("connection refused");
        transport.send(FrameBatch.of(frame(0, "{}")));

        assertThat(transport.seqs()).containsExactly(0L);
        assertThat(transport.sendAttempts()).isEqualTo(3);
    }

    @Test
    void defaultFailureMessage() {
        transport.failNextSends(1);

        assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(0, "{}"))))
                .isInstanceOf(TransportException.class).hasMessage(RecordingTransport.DEFAULT_FAILURE_MESSAGE);
    }

    @Test
    void crashesWithAPlainRuntimeException() throws Exception {
        transport.crashNextSends(1);

        assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(0, "{}"))))
                .isExactlyInstanceOf(RuntimeException.class).hasMessage("Injected transport crash");
        transport.send(FrameBatch.of(frame(0, "{}")));
        assertThat(transport.frameCount()).isEqualTo(1);
    }

    @Test
    void reportsNewConnectionWhenAsked() throws Exception {
        transport.reportNewConnectionOnNextSends(1);

        assertThat(transport.send(FrameBatch.of(frame(0, "{}")))).isEqualTo(SendReport.NEW_CONNECTION);
        assertThat(transport.send(FrameBatch.of(frame(1, "{}")))).isEqualTo(SendReport.SAME_CONNECTION);
    }

    @Test
    void blockedSendWaitsUntilReleased() throws Exception {
        transport.blockSends();
        CompletableFuture<SendReport> send = CompletableFuture.supplyAsync(() -> sendQuietly(frame(0, "{}")));

        assertThat(transport.awaitSendBlocked(LIMIT)).isTrue();
        assertThat(send).isNotDone();
        assertThat(transport.frameCount()).isZero();

        transport.releaseSends();

        assertThat(send.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(SendReport.SAME_CONNECTION);
        assertThat(transport.seqs()).containsExactly(0L);
        // released: later sends pass straight through
        transport.send(FrameBatch.of(frame(1, "{}")));
        assertThat(transport.seqs()).containsExactly(0L, 1L);
    }

    @Test
    void interruptEndsABlockedSendWithTransportException() throws Exception {
        transport.blockSends();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> interruptFlag = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            Throwable thrown = null;
            try {
                transport.send(FrameBatch.of(frame(0, "{}")));
            } catch (Throwable t) {
                thrown = t;
            }
            interruptFlag.complete(Thread.currentThread().isInterrupted());
            outcome.complete(thrown);
        }, "blocked-sender");
        sender.start();
        assertThat(transport.awaitSendBlocked(LIMIT)).isTrue();

        sender.interrupt();

        assertThat(outcome.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(TransportException.class)
                .hasMessage("Recording transport send interrupted while blocked");
        assertThat(interruptFlag.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(transport.frameCount()).isZero();
    }

    @Test
    void closeEndsABlockedSendWithTransportException() throws Exception {
        transport.blockSends();
        CompletableFuture<SendReport> send = CompletableFuture.supplyAsync(() -> sendQuietly(frame(0, "{}")));
        assertThat(transport.awaitSendBlocked(LIMIT)).isTrue();

        transport.close();

        assertThatThrownBy(() -> send.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TransportException.class)
                .hasMessage("Recording transport closed while a send was blocked");
    }

    @Test
    void awaitFramesReturnsOnceEnoughArrive() throws Exception {
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 5; i++) {
                sendQuietly(frame(i, "{}"));
            }
        }, "producer");
        producer.start();

        assertThat(transport.awaitFrames(5, LIMIT)).hasSize(5);
        producer.join(LIMIT.toMillis());
    }

    @Test
    void awaitFramesFailsWithCountWhenTooFewArrive() throws Exception {
        transport.send(FrameBatch.of(frame(0, "{}")));

        assertThatThrownBy(() -> transport.awaitFrames(2, Duration.ofMillis(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected at least 2 frames within PT0.001S; got 1");
    }

    @Test
    void clearRecordedForgetsBatches() throws Exception {
        transport.send(FrameBatch.of(frame(0, "{}")));

        transport.clearRecorded();

        assertThat(transport.frames()).isEmpty();
        assertThat(transport.sendAttempts()).isEqualTo(1);
    }

    @Test
    void factoryHandsOutItsTransport() {
        RecordingTransportFactory factory = new RecordingTransportFactory("custom", transport);

        assertThat(factory.name()).isEqualTo("custom");
        assertThat(factory.settingsType()).isEqualTo(RecordingTransportFactory.Settings.class);
        assertThat(factory.create(new RecordingTransportFactory.Settings(), TestTransportContexts.create()))
                .isSameAs(transport);
        assertThat(factory.createCount()).isEqualTo(1);
        assertThat(factory.lastContext()).isPresent();
        assertThat(new RecordingTransportFactory().name()).isEqualTo("recording");
    }

    private SendReport sendQuietly(EncodedFrame frame) {
        try {
            return transport.send(FrameBatch.of(frame));
        } catch (TransportException e) {
            throw new CompletionException(e);
        }
    }

    private static EncodedFrame frame(long seq, String json) {
        return new EncodedFrame(seq, seq + 1, seq == 0 ? FrameKind.SNAPSHOT : FrameKind.DIFF,
                (json + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
