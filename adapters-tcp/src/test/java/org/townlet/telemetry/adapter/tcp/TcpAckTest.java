package org.townlet.telemetry.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.TransportCallbacks;
import org.townlet.telemetry.api.transport.TransportException;
import org.townlet.telemetry.testing.ManualClock;
import org.townlet.telemetry.testing.TestTransportContexts;

/** Acknowledged delivery over tcp (SPEC §12.3.1) against receivers on 127.0.0.1 (ephemeral ports only). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TcpAckTest {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ManualClock clock = new ManualClock();
    private final RecordingCallbacks callbacks = new RecordingCallbacks();

    @AfterEach
    void closeEverything() throws Exception {
        Exception failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void everyConnectionBeginsWithTheAckRequestAndAcknowledgementsEmptyTheWindow() throws Exception {
        AckingReceiver.Received received = new AckingReceiver.Received();
        AckingReceiver receiver = track(AckingReceiver.start(0, received));
        TcpTransport transport = start(ackSettings(receiver.port()));

        assertThat(transport.send(batch(0, 3))).isEqualTo(SendReport.SAME_CONNECTION);
        await("3 frames acknowledged", () -> callbacks.ackedFrames() == 3);

        assertThat(receiver.firstLines()).containsExactly("{\"ack_request\":true}");
        assertThat(transport.pendingBytes()).isZero();
        assertThat(transport.windowFrames()).isZero();
        assertThat(callbacks.ackedBytes()).isEqualTo(batch(0, 3).totalBytes());
        assertThat(callbacks.lastAckedSeq()).isEqualTo(2);
        assertThat(received.distinct()).containsExactlyInAnyOrder(0L, 1L, 2L);
    }

    @Test
    void framesWaitInTheWindowUntilAcknowledged() throws Exception {
        AckingReceiver.Received received = new AckingReceiver.Received();
        AckingReceiver receiver = track(AckingReceiver.start(0, received));
        receiver.stopAcknowledging();
        TcpTransport transport = start(ackSettings(receiver.port()));

        transport.send(batch(0, 4));
        await("4 frames read by the receiver", () -> received.contains(3));

        assertThat(transport.windowFrames()).isEqualTo(4);
        assertThat(transport.pendingBytes()).isEqualTo(batch(0, 4).totalBytes());
        assertThat(callbacks.ackedFrames()).isZero();
    }

    @Test
    void ackedStreamSurvivesReceiverRestart() throws Exception {
        AckingReceiver.Received received = new AckingReceiver.Received();
        AckingReceiver first = track(AckingReceiver.start(0, received));
        int port = first.port();
        TcpTransport transport = start(ackSettings(port));
        List<SendReport> reports = new ArrayList<>();

        // acknowledged normally
        for (long from = 0; from < 50; from += 10) {
            reports.add(transport.send(batch(from, 10)));
        }
        await("frames 0-49 acknowledged", () -> callbacks.ackedFrames() == 50);

        // read but never confirmed: the receiver dies before acknowledging them
        first.stopAcknowledging();
        for (long from = 50; from < 80; from += 10) {
            reports.add(transport.send(batch(from, 10)));
        }
        await("frames 50-79 read by the first receiver", () -> received.contains(79));
        assertThat(transport.windowFrames()).isEqualTo(30);
        first.kill();
        await("the broken connection reported", () -> !callbacks.failures().isEmpty());

        // the receiver is down: a write fails (the frames stay in the window) or the connect is refused (throws)
        List<FrameBatch> unsent = new ArrayList<>();
        for (long from = 80; from < 100; from += 10) {
            FrameBatch batch = batch(from, 10);
            try {
                reports.add(transport.send(batch));
            } catch (TransportException refused) {
                assertThat(refused).hasMessageStartingWith("Failed to connect to telemetry endpoint 127.0.0.1:"
                        + port + ": ");
                unsent.add(batch);
            }
        }
        assertThat(unsent).as("with the port closed, connects are refused").isNotEmpty();

        // restarted on the same port: the first send reconnects and replays the window first
        AckingReceiver second = track(AckingReceiver.start(port, received));
        for (FrameBatch batch : unsent) {
            reports.add(transport.send(batch));
        }
        for (long from = 100; from < 120; from += 10) {
            reports.add(transport.send(batch(from, 10)));
        }
        await("every frame acknowledged", () -> callbacks.ackedFrames() == 120);

        assertThat(reports).contains(SendReport.NEW_CONNECTION);
        assertThat(second.firstLines()).first().isEqualTo("{\"ack_request\":true}");
        assertThat(received.distinct()).as("no frame lost")
                .isEqualTo(LongStream.range(0, 120).boxed().collect(Collectors.toSet()));
        assertThat(received.duplicates()).as("the replayed frames the first receiver had read, dropped by seq")
                .containsAll(LongStream.range(50, 80).boxed().toList());
        assertThat(callbacks.ackedBytes()).as("each frame acknowledged exactly once")
                .isEqualTo(batch(0, 100).totalBytes() + batch(100, 20).totalBytes());
        assertThat(transport.pendingBytes()).isZero();
    }

    @Test
    void flushReconnectsResendsTheWindowAndTheNextSendReportsTheNewConnection() throws Exception {
        AckingReceiver.Received received = new AckingReceiver.Received();
        AckingReceiver first = track(AckingReceiver.start(0, received));
        int port = first.port();
        first.stopAcknowledging();
        TcpTransport transport = start(ackSettings(port));
        transport.send(batch(0, 5));
        await("5 frames read", () -> received.contains(4));
        first.kill();
        await("the broken connection reported", () -> !callbacks.failures().isEmpty());

        AckingReceiver second = track(AckingReceiver.start(port, received));
        await("the window acknowledged after flushes", () -> {
            try {
                transport.flush();
            } catch (TransportException e) {
                return false;
            }
            return transport.windowFrames() == 0;
        });

        assertThat(callbacks.ackedFrames()).isEqualTo(5);
        assertThat(second.firstLines()).containsExactly("{\"ack_request\":true}");
        assertThat(transport.send(batch(5, 1))).isEqualTo(SendReport.NEW_CONNECTION);
        assertThat(transport.send(batch(6, 1))).isEqualTo(SendReport.SAME_CONNECTION);
    }

    @Test
    void withoutAckNothingIsRequestedNorRead() throws Exception {
        LoopbackServer server = track(LoopbackServer.plaintext());
        TcpTransport transport = start(TcpSettings.of("127.0.0.1:" + server.port()));

        transport.send(batch(0, 2));
        transport.close();

        assertThat(server.awaitConnection().awaitEnd()).isEqualTo("{\"seq\":0}\n{\"seq\":1}\n");
        assertThat(transport.pendingBytes()).isZero();
        assertThat(ackThreads()).isEmpty();
    }

    @Test
    void withoutAckABrokenConnectionIsReportedBeforeTheSendFails() throws Exception {
        LoopbackServer server = track(LoopbackServer.plaintext());
        String endpoint = "127.0.0.1:" + server.port();
        TcpTransport transport = start(TcpSettings.builder(endpoint).retry(0, 0).build());
        transport.send(batch(0, 1));
        server.awaitConnection().reset();

        TransportException failure = null;
        long deadline = System.nanoTime() + LoopbackServer.WAIT.toNanos();
        while (failure == null && System.nanoTime() < deadline) {
            try {
                transport.send(batch(1, 1));
            } catch (TransportException e) {
                failure = e;
            }
        }

        assertThat(failure).isNotNull().hasMessageStartingWith("Failed to send to telemetry endpoint " + endpoint);
        assertThat(callbacks.failures()).containsExactly(failure.getMessage());
    }

    @Test
    void theAckReaderIsNamedAndStoppedByClose() throws Exception {
        AckingReceiver receiver = track(AckingReceiver.start(0, new AckingReceiver.Received()));
        List<Thread> before = ackThreads();
        TcpTransport transport = start(ackSettings(receiver.port()));
        transport.send(batch(0, 1));

        List<Thread> started = ackThreads();
        started.removeAll(before);
        assertThat(started).hasSize(1);
        assertThat(started.get(0).isDaemon()).isTrue();

        transport.close();
        started.get(0).join(LoopbackServer.WAIT.toMillis());
        assertThat(started.get(0).isAlive()).isFalse();
        assertThat(callbacks.failures()).as("closing is not a failure").isEmpty();
    }

    @Test
    void aFailedConnectWritesNothingAndThrows() throws Exception {
        AckingReceiver receiver = AckingReceiver.start(0, new AckingReceiver.Received());
        int port = receiver.port();
        receiver.kill();
        TcpTransport transport = start(ackSettings(port));

        assertThatThrownBy(() -> transport.send(batch(0, 2))).isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Failed to connect to telemetry endpoint 127.0.0.1:" + port);
        assertThat(transport.windowFrames()).isZero();
        assertThat(transport.pendingBytes()).isZero();
    }

    @Test
    void onlyAckLinesAreAcknowledgements() {
        assertThat(TcpTransport.parseAck("{\"ack\":17}")).isEqualTo(17);
        assertThat(TcpTransport.parseAck(" { \"ack\" : 0 } ")).isZero();
        for (String other : List.of("", "{}", "{\"ack\":-1}", "{\"ack\":\"5\"}", "{\"ack\":5,\"x\":1}", "ack:5",
                "{\"acks\":5}", "{\"ack\":99999999999999999999}")) {
            assertThat(TcpTransport.parseAck(other)).as(other).isEqualTo(-1);
        }
    }

    @Test
    void ackIsOffByDefaultAndBinds() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();

        assertThat(TcpSettings.of("127.0.0.1:1").ack()).isFalse();
        assertThat(mapper.readValue("{\"endpoint\":\"127.0.0.1:1\",\"ack\":true}", TcpSettings.class).ack()).isTrue();
        assertThat(TcpSettings.builder("127.0.0.1:1").ack(true).build().ack()).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private TcpSettings ackSettings(int port) {
        return TcpSettings.builder("127.0.0.1:" + port).ack(true).retry(0, 0).build();
    }

    private TcpTransport start(TcpSettings settings) throws TransportException {
        TcpTransport transport = (TcpTransport) new TcpTransportFactory().create(settings,
                TestTransportContexts.create(clock, callbacks));
        track(transport::close);
        transport.start();
        return transport;
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Polls {@code condition} until it holds, failing after {@link LoopbackServer#WAIT}. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LoopbackServer.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + LoopbackServer.WAIT + " waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static List<Thread> ackThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(TcpTransport.ACK_THREAD_NAME) && t.isAlive())
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** Frames {@code from .. from+count-1}, each {@code {"seq":n}\n}. */
    private static FrameBatch batch(long from, int count) {
        List<EncodedFrame> frames = new ArrayList<>();
        for (long seq = from; seq < from + count; seq++) {
            frames.add(new EncodedFrame(seq, seq + 1, seq == 0 ? FrameKind.SNAPSHOT : FrameKind.DIFF,
                    ("{\"seq\":" + seq + "}\n").getBytes(StandardCharsets.UTF_8)));
        }
        return new FrameBatch(frames);
    }

    /** Callbacks that record what the transport reports; thread-safe. */
    private static final class RecordingCallbacks implements TransportCallbacks {
        private final AtomicLong ackedFrames = new AtomicLong();
        private final AtomicLong ackedBytes = new AtomicLong();
        private final AtomicLong lastAckedSeq = new AtomicLong(-1);
        private final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void acknowledged(long seq, long frames, long bytes) {
            ackedFrames.addAndGet(frames);
            ackedBytes.addAndGet(bytes);
            lastAckedSeq.set(seq);
        }

        @Override
        public void failed(String error) {
            failures.add(error);
        }

        long ackedFrames() {
            return ackedFrames.get();
        }

        long ackedBytes() {
            return ackedBytes.get();
        }

        long lastAckedSeq() {
            return lastAckedSeq.get();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }
    }
}
