package org.townlet.telemetry.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;
import org.townlet.telemetry.testing.RefusingPort;
import org.townlet.telemetry.testing.TestTransportContexts;

/** The kafka transport against a real single-node KRaft broker in this JVM, on 127.0.0.1. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaTransportTest {
    /** What "does not hang" allows a call bounded by a 1-2 s setting (see its use). */
    private static final long LIVENESS_MS = 20_000;

    @TempDir
    static Path dataDir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new EmbeddedKafka(dataDir);
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void deliversEveryFrameUnchangedKeyedByRunIdWithHeadersInOrder() throws Exception {
        String topic = "delivery";
        Transport a = create(KafkaSettings.of(kafka.bootstrap()).withTopic(topic).withRunId("run-a"));
        Transport b = create(KafkaSettings.of(kafka.bootstrap()).withTopic(topic).withRunId("run-b"));
        a.start();
        b.start();
        byte[] nonAscii = "{\"name\":\"Zoë 🏠\"}\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) {
            List<EncodedFrame> framesA = new ArrayList<>();
            List<EncodedFrame> framesB = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                long seq = i * 10L + j;
                framesA.add(frame(seq, "{\"seq\":" + seq + "}\n"));
                framesB.add(new EncodedFrame(seq, seq + 1, FrameKind.DIFF, nonAscii));
            }
            assertThat(a.send(new FrameBatch(framesA))).isEqualTo(SendReport.SAME_CONNECTION);
            assertThat(b.send(new FrameBatch(framesB))).isEqualTo(SendReport.SAME_CONNECTION);
        }
        a.close();
        b.close();

        List<ConsumerRecord<byte[], byte[]>> records = consumeAll(kafka, topic, 400);
        List<Long> seqA = new ArrayList<>();
        List<Long> seqB = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            long seq = Long.parseLong(header(r, "seq"));
            assertThat(header(r, "schema_version")).isEqualTo("0.9.9");
            if (key.equals("run-a")) {
                seqA.add(seq);
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"seq\":" + seq + "}\n");
                assertThat(header(r, "payload_type")).isEqualTo("snapshot");
            } else {
                assertThat(key).isEqualTo("run-b");
                seqB.add(seq);
                assertThat(r.value()).isEqualTo(nonAscii);
                assertThat(header(r, "payload_type")).isEqualTo("diff");
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long s = 0; s < 200; s++) {
            expected.add(s);
        }
        assertThat(seqA).isEqualTo(expected); // one run's frames stay ordered (one key, one partition)
        assertThat(seqB).isEqualTo(expected);
    }

    @Test
    void startConnectsAndFetchesTheTopicBeforeAnySend() throws Exception {
        String topic = "created-by-start";
        Transport transport = create(KafkaSettings.of(kafka.bootstrap()).withTopic(topic).withRunId("run-s"));
        try {
            transport.start();

            // The broker creates a topic on its first metadata request: start() made one, with nothing sent yet.
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
            }
            assertThat(transport.send(FrameBatch.of(frame(0, "a\n")))).isEqualTo(SendReport.SAME_CONNECTION);
        } finally {
            transport.close();
        }
        assertThat(consumeAll(kafka, topic, 1)).hasSize(1);
    }

    @Test
    void badBootstrapAddressFailsClearlyWithinMaxBlockAndDoesNotHang() throws Exception {
        // bound, never listening: refused until the test ends, and nothing else can take the port meanwhile
        try (RefusingPort refusing = RefusingPort.open()) {
            int closedPort = refusing.port();
            Transport transport = create(KafkaSettings.of("127.0.0.1:" + closedPort).withTimeouts(2, 1));
            // Liveness bounds, not speed: generous for a loaded machine (the settings say 1-2 s, the close 2 s), yet
            // far below what the client would take if they were not applied (max.block.ms and delivery.timeout.ms
            // default to 60 s and 120 s, and close() waits without limit).
            long startStarted = System.nanoTime();
            // The worker logs this, one line, and carries on: its sends then fail and are counted.
            assertThatThrownBy(transport::start)
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("cannot connect")
                    .hasMessageContaining("127.0.0.1:" + closedPort)
                    .hasMessageContaining("townlet.telemetry")
                    .hasMessageContaining("max_block_seconds");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startStarted)).isLessThan(LIVENESS_MS);
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.send(new FrameBatch(List.of(frame(0, "a\n"), frame(1, "b\n"),
                    frame(2, "c\n")))))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("3 of 3 frames not acknowledged")
                    .hasMessageContaining("127.0.0.1:" + closedPort)
                    .hasMessageContaining("townlet.telemetry");
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(elapsedMs).isLessThan(LIVENESS_MS);
            long closeStart = System.nanoTime();
            transport.close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStart)).isLessThan(LIVENESS_MS);
        }
    }

    @Test
    void unresolvableBootstrapHostFailsTheStartAndTheSendsNamingIt() throws Exception {
        Transport transport = create(KafkaSettings.of("no-such-host.invalid:9092").withTimeouts(2, 1));
        try {
            assertThatThrownBy(transport::start)
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("no-such-host.invalid:9092");
            assertThatThrownBy(() -> transport.send(FrameBatch.of(frame(0, "a\n"))))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("no-such-host.invalid:9092");
        } finally {
            transport.close();
        }
    }

    @Test
    void settingsRejectBadKeysNamingThem() {
        assertThatThrownBy(() -> KafkaSettings.of(" ")).hasMessageContaining("endpoint is required");
        assertThatThrownBy(() -> KafkaSettings.of("host")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> KafkaSettings.of("h:99999")).hasMessageContaining("port must be 1–65535");
        assertThatThrownBy(() -> KafkaSettings.of("h:1").withTopic("bad topic")).hasMessageContaining("topic");
        assertThatThrownBy(() -> KafkaSettings.bind("h:1", null, null, "brotli", null, null, null))
                .hasMessageContaining("compression");
        assertThatThrownBy(() -> KafkaSettings.bind("h:1", null, null, null, null, null,
                Map.of("bootstrap.servers", "x:1"))).hasMessageContaining("properties.bootstrap.servers");
        Map<String, Object> config = KafkaSettings.bind("a:1,b:2", null, "r", "lz4", null, null,
                Map.of("security.protocol", "SSL", "acks", "1")).producerConfig();
        assertThat(config).containsEntry("bootstrap.servers", "a:1,b:2").containsEntry("enable.idempotence", "true")
                .containsEntry("compression.type", "lz4").containsEntry("security.protocol", "SSL")
                .containsEntry("acks", "1").containsEntry("delivery.timeout.ms", "30000")
                .containsEntry("max.block.ms", "5000");
        assertThat(KafkaSettings.of("h:1").producerConfig()).containsEntry("acks", "all");
    }

    static Transport create(KafkaSettings settings) {
        return new KafkaTransportFactory().create(settings, TestTransportContexts.create());
    }

    static EncodedFrame frame(long seq, String text) {
        return new EncodedFrame(seq, seq + 1, FrameKind.SNAPSHOT, text.getBytes(StandardCharsets.UTF_8));
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static List<ConsumerRecord<byte[], byte[]>> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrap());
        p.put("group.id", "test-" + topic + "-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(200));
                batch.forEach(records::add);
                if (records.size() >= expected) {
                    if (quietUntil == Long.MAX_VALUE) {
                        quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500); // catch extra records
                    }
                    if (System.nanoTime() > quietUntil) {
                        break;
                    }
                }
            }
        }
        return records;
    }
}
