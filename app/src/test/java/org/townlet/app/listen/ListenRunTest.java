package org.townlet.app.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.townlet.app.listen.RawProducer.diff;
import static org.townlet.app.listen.RawProducer.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.app.config.ConfigurationException;
import org.townlet.telemetry.adapter.tcp.TcpSettings;
import org.townlet.telemetry.adapter.tcp.TcpTransportFactory;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportCallbacks;
import org.townlet.telemetry.testing.LogCapture;
import org.townlet.telemetry.testing.ManualClock;
import org.townlet.telemetry.testing.TestTransportContexts;

/** {@code townlet listen} in-process, on ephemeral loopback ports (SPEC §19, §9.6, §12.3.1). */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ListenRunTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<ListenRun> runs = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private LogCapture receiverLog;

    @BeforeEach
    void captureLogs() {
        receiverLog = LogCapture.of(Receiver.class);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        for (ListenRun run : runs) {
            run.requestStop();
            run.finish();
        }
        receiverLog.close();
    }

    private ListenRun start(ListenSettings.Builder settings) {
        ListenRun run = new ListenRun(settings.port(0).build(), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        runs.add(run);
        run.start();
        return run;
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(Path file) throws Exception {
        return JSON.readValue(file.toFile(), Map.class);
    }

    @Test
    void listenCountsGapsDuplicatesAndBadLines() throws Exception {
        Path out = dir.resolve("frames.jsonl");
        Path summary = dir.resolve("summary.json");
        ListenRun listen = start(ListenSettings.builder().out(out).summaryJson(summary).maxLineBytes(300));

        try (RawProducer producer = RawProducer.connect(listen.port())) {
            producer.send(snapshot(0, 1), diff(1, 2), "not json", "{\"padding\":\"" + "x".repeat(400) + "\"}",
                    "[1,2]", diff(3, 4), diff(3, 4), diff(2, 3),
                    "{\"schema_version\":\"0.9.9\",\"payload_type\":\"delta\",\"seq\":4}", diff(5, 6));
            await().atMost(WAIT).until(() -> listen.consumer().counters().unknownPayloadTypes() == 1
                    && listen.consumer().counters().frames() == 4);
        }
        try (RawProducer again = RawProducer.connect(listen.port())) {
            again.send(diff(6, 7));
            await().atMost(WAIT).until(() -> listen.consumer().counters().frames() == 5);
        }
        listen.requestStop();
        int exit = listen.finish();

        assertThat(exit).as("bad input never stops the listener or fails it").isZero();
        assertThat(Files.readAllLines(out)).containsExactly(snapshot(0, 1), diff(1, 2), diff(3, 4), diff(5, 6),
                diff(6, 7));
        Map<String, Object> counts = readJson(summary);
        assertThat(counts).as("seq 2 and 4 never passed: 2 is late (a duplicate), 4 has an unknown payload type")
                .containsEntry("frames", 5).containsEntry("gaps", 2).containsEntry("duplicates", 2)
                .containsEntry("malformed", 3).containsEntry("malformed_lines", 2).containsEntry("oversize_lines", 1)
                .containsEntry("unknown_payload_types", 1).containsEntry("connections", 2)
                .containsEntry("snapshots", 1).containsEntry("diffs", 4).containsEntry("stale", true)
                .containsEntry("last_seq", 6).containsEntry("last_tick", 7);
        assertThat(((Number) counts.get("bytes")).longValue()).isEqualTo(Files.size(out));
        assertThat(List.copyOf(counts.keySet())).startsWith("frames", "bytes", "gaps", "duplicates", "malformed",
                "connections");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("townlet listen: frames=5 bytes=")
                .contains(" gaps=2 duplicates=2 malformed=3 connections=2 ");
    }

    @Test
    void acknowledgesAfterWritingAndOnlyOnConnectionsThatAsk() throws Exception {
        Path out = dir.resolve("frames.jsonl");
        ListenRun listen = start(ListenSettings.builder().out(out));

        try (RawProducer asking = RawProducer.connect(listen.port())) {
            asking.send("{\"ack_request\":true}", snapshot(0, 1), diff(1, 2), diff(2, 3));
            String ack = asking.readLine();
            while (!"{\"ack\":2}".equals(ack)) {
                assertThat(ack).as("acknowledgements are cumulative lines {\"ack\":<seq>}").matches("\\{\"ack\":[01]}");
                ack = asking.readLine();
            }
            assertThat(Files.readAllLines(out)).as("written and flushed before the acknowledgement")
                    .containsExactly(snapshot(0, 1), diff(1, 2), diff(2, 3));
            asking.send(diff(1, 2), "garbage", diff(3, 4));
            assertThat(asking.readLine()).as("duplicates and bad lines count as handled").isEqualTo("{\"ack\":3}");
        }
        try (RawProducer silent = RawProducer.connect(listen.port())) {
            silent.send(diff(4, 5), diff(5, 6));
            await().atMost(WAIT).until(() -> listen.consumer().counters().frames() == 6);
            silent.finishWriting();
            assertThat(silent.readToEnd()).as("no acknowledgement unless asked").isEmpty();
        }
        assertThat(Files.readAllLines(out)).hasSize(6);
    }

    @Test
    void aNewConnectionClosesThePreviousOneAndContinuesTheState() throws Exception {
        ListenRun listen = start(ListenSettings.builder().quiet(true));
        RawProducer first = track(RawProducer.connect(listen.port()));
        first.send(snapshot(0, 1), diff(1, 2));
        await().atMost(WAIT).until(() -> listen.consumer().counters().frames() == 2);

        RawProducer second = track(RawProducer.connect(listen.port()));
        second.send(diff(2, 3));
        await().atMost(WAIT).until(() -> listen.consumer().counters().frames() == 3);

        assertThat(first.readToEnd()).as("the previous connection was closed").isEmpty();
        assertThat(listen.consumer().state()).containsEntry("tick", 3).containsEntry("economy", Map.of("tick", 3));
        assertThat(listen.consumer().counters().gaps()).isZero();
        assertThat(listen.connections()).isEqualTo(2);
    }

    @Test
    void maxFramesEndsTheListenerAndTheStateIsWritten() throws Exception {
        Path state = dir.resolve("state.json");
        ListenRun listen = start(ListenSettings.builder().maxFrames(3).stateOut(state));
        try (RawProducer producer = RawProducer.connect(listen.port())) {
            producer.send(snapshot(0, 1), diff(1, 2), diff(2, 3), diff(3, 4), diff(4, 5));
            listen.awaitStopRequest();
        }

        assertThat(listen.finish()).isZero();
        assertThat(listen.consumer().counters().frames()).isEqualTo(3);
        assertThat(readJson(state)).containsEntry("seq", 2).containsEntry("tick", 3)
                .containsEntry("payload_type", "snapshot");
    }

    @Test
    void idleExitEndsAListenerThatReceivesNothing() throws Exception {
        Path summary = dir.resolve("summary.json");
        ListenRun listen = start(ListenSettings.builder().idleExit(Duration.ofMillis(200)).summaryJson(summary));

        listen.awaitStopRequest();

        assertThat(listen.finish()).isZero();
        assertThat(readJson(summary)).containsEntry("frames", 0).containsEntry("connections", 0);
    }

    @Test
    void strictExitsFourAfterAProblemAndZeroWithout() throws Exception {
        ListenRun clean = start(ListenSettings.builder().strict(true));
        try (RawProducer producer = RawProducer.connect(clean.port())) {
            producer.send(snapshot(0, 1), diff(1, 2));
            await().atMost(WAIT).until(() -> clean.consumer().counters().frames() == 2);
        }
        ListenRun gappy = start(ListenSettings.builder().strict(true));
        try (RawProducer producer = RawProducer.connect(gappy.port())) {
            producer.send(snapshot(0, 1), diff(2, 3));
            await().atMost(WAIT).until(() -> gappy.consumer().counters().frames() == 2);
        }

        assertThat(clean.finish()).isZero();
        assertThat(gappy.finish()).isEqualTo(ListenRun.EXIT_STRICT_PROBLEM);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("townlet listen: --strict: the stream had problems (gaps=1 duplicates=0 bad_lines=0)");
    }

    @Test
    void printsADigestLineEverySecondOnStdout() {
        ListenRun listen = start(ListenSettings.builder());

        await().atMost(WAIT).until(() -> stdout.toString(StandardCharsets.UTF_8).contains("\n"));

        assertThat(stdout.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
                .matches("tick=- seq=- frames=0 frames_per_s=0\\.0 gaps=0 duplicates=0 malformed=0");
        assertThat(listen.port()).isPositive();
    }

    @Test
    void tlsWithClientCertificatesAcknowledgesTheTcpTransport() throws Exception {
        ListenCertificates.Identity serverCa = ListenCertificates.authority("listen-test-ca");
        ListenCertificates.Pem server = ListenCertificates.server(serverCa, "localhost").write(dir, "server");
        Path serverCaFile = ListenCertificates.writeCertificate(dir.resolve("server-ca.pem"), serverCa.certificate());
        ListenCertificates.Identity clientCa = ListenCertificates.authority("listen-client-ca");
        ListenCertificates.Pem client = ListenCertificates.client(clientCa, "producer").write(dir, "client");
        Path clientCaFile = ListenCertificates.writeCertificate(dir.resolve("client-ca.pem"), clientCa.certificate());
        Path out = dir.resolve("tls.jsonl");
        ListenRun listen = start(ListenSettings.builder().tls(server.certificate(), server.key())
                .tlsClientCa(clientCaFile).out(out));

        // without a client certificate the handshake fails and nothing is counted
        Transport stranger = transport(TcpSettings.builder("localhost:" + listen.port()).caFile(serverCaFile)
                .build(), TransportCallbacks.NONE);
        try {
            stranger.send(frames(0, 1));
        } catch (Exception expected) {
            // the client may or may not notice the rejection before its write
        }
        await().atMost(WAIT).until(() -> receiverLog.messages().stream()
                .anyMatch(m -> m.startsWith("TLS handshake with ") && m.contains(" failed: ")));
        stranger.close();
        assertThat(listen.consumer().counters().frames()).isZero();

        AcknowledgementCount acks = new AcknowledgementCount();
        Transport producer = transport(TcpSettings.builder("localhost:" + listen.port()).caFile(serverCaFile)
                .clientCertificate(client.certificate(), client.key()).ack(true).build(), acks);
        producer.send(frames(0, 3));
        await().atMost(WAIT).until(() -> acks.frames.get() == 3);

        assertThat(producer.pendingBytes()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(3);
        assertThat(listen.consumer().state()).containsEntry("tick", 3);
        assertThat(listen.connections()).isEqualTo(1);
    }

    @Test
    void flagsAreCheckedNamingTheFlag() {
        assertThatThrownBy(() -> ListenSettings.builder().port(70000).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--port: must be 1–65535 (0 for any free port); got 70000");
        assertThatThrownBy(() -> ListenSettings.builder().tls(dir.resolve("a.pem"), null).build())
                .hasMessage("--tls-cert and --tls-key must be given together; got --tls-cert without --tls-key");
        assertThatThrownBy(() -> ListenSettings.builder().tlsClientCa(dir.resolve("ca.pem")).build())
                .hasMessage("--tls-client-ca needs TLS: give --tls-cert and --tls-key too");
        assertThatThrownBy(() -> ListenSettings.builder().maxLineBytes(0).build())
                .hasMessageStartingWith("--max-line-bytes: must be 1–");
        assertThatThrownBy(() -> ListenSettings.builder().idleExit(Duration.ZERO).build())
                .hasMessage("--idle-exit: must be > 0 seconds; got 0.0");
        assertThatThrownBy(() -> start(ListenSettings.builder().tls(dir.resolve("missing.pem"),
                dir.resolve("missing.key"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--tls-cert " + dir.resolve("missing.pem") + ": no such file");
    }

    @Test
    void anOutputThatCannotBeOpenedIsALocalIoError() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("frames.jsonl"));

        assertThatThrownBy(() -> start(ListenSettings.builder().out(notAFile)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot open --out " + notAFile + ": ");
        runs.clear();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Transport transport(TcpSettings settings, TransportCallbacks callbacks) throws Exception {
        Transport transport = new TcpTransportFactory().create(settings,
                TestTransportContexts.create(new ManualClock(), callbacks));
        track(transport::close);
        transport.start();
        return transport;
    }

    private static FrameBatch frames(long from, int count) {
        List<EncodedFrame> frames = new ArrayList<>();
        for (long seq = from; seq < from + count; seq++) {
            String line = (seq == 0 ? snapshot(seq, seq + 1) : diff(seq, seq + 1)) + "\n";
            frames.add(new EncodedFrame(seq, seq + 1, seq == 0 ? FrameKind.SNAPSHOT : FrameKind.DIFF,
                    line.getBytes(StandardCharsets.UTF_8)));
        }
        return new FrameBatch(frames);
    }

    /** Counts what a transport reports acknowledged. */
    private static final class AcknowledgementCount implements TransportCallbacks {
        final AtomicLong frames = new AtomicLong();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void acknowledged(long seq, long count, long bytes) {
            frames.addAndGet(count);
        }

        @Override
        public void failed(String error) {
            failures.add(error);
        }
    }
}
