package org.townlet.telemetry.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;

/**
 * The broker stops and comes back on the same port and data while a run streams: every frame produced is either
 * delivered (once) or counted as dropped, the way the worker counts it (a batch retried up to 3 times, then dropped).
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaBrokerRestartTest {
    private static final int BATCHES = 120;
    private static final int FRAMES_PER_BATCH = 5;

    @Test
    void framesProducedEqualDeliveredPlusDroppedAcrossARestart(@TempDir Path dataDir) throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka(dataDir)) {
            kafka.start();
            Transport transport = KafkaTransportTest.create(KafkaSettings.of(kafka.bootstrap()).withTopic("restart")
                    .withRunId("restart-run").withTimeouts(4, 2));
            transport.start();
            CountDownLatch quarterSent = new CountDownLatch(BATCHES / 4);
            AtomicInteger failures = new AtomicInteger();
            List<Integer> droppedFrames = new ArrayList<>();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                long seq = 0;
                for (int b = 0; b < BATCHES; b++) {
                    List<EncodedFrame> frames = new ArrayList<>();
                    for (int f = 0; f < FRAMES_PER_BATCH; f++, seq++) {
                        frames.add(KafkaTransportTest.frame(seq, "{\"seq\":" + seq + "}\n"));
                    }
                    FrameBatch batch = new FrameBatch(frames);
                    boolean sent = false;
                    for (int attempt = 0; attempt < 4 && !sent; attempt++) {
                        try {
                            transport.send(batch);
                            sent = true;
                        } catch (TransportException e) {
                            failures.incrementAndGet();
                        }
                    }
                    if (!sent) {
                        droppedFrames.add(FRAMES_PER_BATCH);
                    }
                    quarterSent.countDown();
                    sleep(20); // pacing: the stream spans the outage
                }
            });
            assertThat(quarterSent.await(60, TimeUnit.SECONDS)).as("a quarter of the batches sent").isTrue();
            kafka.stop();
            sleep(1500); // the outage: frames keep coming while the broker is down
            kafka.start();
            sender.get(90, TimeUnit.SECONDS);
            transport.close();

            List<ConsumerRecord<byte[], byte[]>> records = consume(kafka);
            Set<Long> seqs = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                seqs.add(Long.parseLong(KafkaTransportTest.header(r, "seq")));
            }
            int produced = BATCHES * FRAMES_PER_BATCH;
            int dropped = droppedFrames.stream().mapToInt(Integer::intValue).sum();
            assertThat(records).hasSize(seqs.size()); // no duplicates
            assertThat(seqs.size() + dropped).isEqualTo(produced);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(EmbeddedKafka kafka) {
        return KafkaTransportTest.consumeAll(kafka, "restart", BATCHES * FRAMES_PER_BATCH);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
