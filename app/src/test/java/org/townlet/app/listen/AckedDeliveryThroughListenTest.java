package org.townlet.app.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.townlet.telemetry.adapter.tcp.TcpSettings;
import org.townlet.telemetry.adapter.tcp.TcpTransportFactory;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.core.worker.BackpressureStrategy;
import org.townlet.telemetry.core.worker.BufferedItem;
import org.townlet.telemetry.core.worker.FrameProducer;
import org.townlet.telemetry.core.worker.PipelineCounters;
import org.townlet.telemetry.core.worker.TelemetryWorker;
import org.townlet.telemetry.core.worker.WorkerSettings;

/**
 * The pipeline worker with the tcp transport and acknowledgements, streaming to {@code townlet listen}, which is stopped
 * in the middle (its connection cut, frames in flight lost) and started again on the same port with another output
 * file: for each backpressure strategy, the distinct {@code seq} values the two listeners wrote plus the frames the
 * pipeline counted as dropped equal the frames produced, exactly (SPEC §12.3.1), and a snapshot follows the reconnect.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AckedDeliveryThroughListenTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** 400 frames per second, as a paced run would produce them. */
    private static final long FRAME_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(2500);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<ListenRun> listeners = new ArrayList<>();
    private final List<TelemetryWorker<?>> workers = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        workers.forEach(TelemetryWorker::stop);
        for (ListenRun listener : listeners) {
            listener.requestStop();
            listener.finish();
        }
    }

    @ParameterizedTest
    @EnumSource(BackpressureStrategy.class)
    void ackedStreamSurvivesAListenerRestartWithExactAccounting(BackpressureStrategy strategy) throws Exception {
        Path firstOut = dir.resolve("first.jsonl");
        Path secondOut = dir.resolve("second.jsonl");
        ListenRun first = listen(0, firstOut);
        int port = first.port();
        PipelineCounters counters = new PipelineCounters("tcp", strategy.configName(), false, false, false, false);
        Transport transport = new TcpTransportFactory().create(
                TcpSettings.builder("127.0.0.1:" + port).ack(true).retry(0.02, 0.1).build(),
                new TransportContext(Clock.systemUTC(), new Random(7), counters::toStatus, "test.transport.tcp",
                        counters.transportCallbacks()));
        TelemetryWorker<Tick> worker = TelemetryWorker.<Tick>builder()
                .transport(transport)
                .producer(new JsonFrames())
                .counters(counters)
                .settings(WorkerSettings.builder()
                        .backpressure(strategy)
                        .maxBufferBytes(4 * 1024)
                        .blockTimeout(Duration.ofMillis(20))
                        .pollInterval(Duration.ofMillis(50))
                        .retryMaxAttempts(2)
                        .retryBackoff(Duration.ofMillis(100))
                        .retryBackoffMax(Duration.ofMillis(300))
                        .stopTimeout(Duration.ofSeconds(10))
                        .build())
                .random(new Random(11))
                .build();
        workers.add(worker);
        worker.start();

        Producer producer = new Producer(worker, counters);
        producer.produce(300);
        first.requestStop();
        first.finish(); // the listener goes away mid-stream: its connection is cut, frames in flight are lost
        producer.produce(200);
        await().atMost(WAIT).until(() -> !counters.toStatus().connected());

        listen(port, secondOut); // back on the same port, with another output file
        producer.produce(200);
        worker.stop();

        TransportStatus status = counters.toStatus();
        Set<Long> delivered = new HashSet<>(seqs(firstOut));
        delivered.addAll(seqs(secondOut));
        assertThat(status.framesBuiltTotal()).isEqualTo(700);
        assertThat(delivered.size() + status.framesDroppedTotal())
                .as("distinct seq written by the listeners + frames_dropped_total = frames produced, in %s", status)
                .isEqualTo(status.framesBuiltTotal());
        assertThat(status.payloadsSentTotal()).as("a frame counts as sent when a listener acknowledged it")
                .isEqualTo(delivered.size());
        assertThat(status.framesUnacked()).isZero();
        assertThat(status.reconnectsTotal()).isPositive();
        assertThat(Files.readAllLines(secondOut)).as("a snapshot arrives after the reconnect")
                .anyMatch(line -> line.contains("\"payload_type\":\"snapshot\""));
    }

    private ListenRun listen(int port, Path out) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ListenRun listener = new ListenRun(ListenSettings.builder().port(port).out(out).quiet(true).build(),
                new PrintStream(sink, true, StandardCharsets.UTF_8), new PrintStream(sink, true, StandardCharsets.UTF_8));
        listeners.add(listener);
        listener.start();
        return listener;
    }

    private static List<Long> seqs(Path file) throws Exception {
        List<Long> seqs = new ArrayList<>();
        if (!Files.exists(file)) {
            return seqs;
        }
        for (String line : Files.readAllLines(file)) {
            seqs.add(JSON.readTree(line).get("seq").longValue());
        }
        return seqs;
    }

    /**
     * Offers numbered ticks at 400 per second from the start of each call, as the publisher would: counted as built,
     * then offered. A producer held up (block, fan_out) does not catch up afterwards in a burst.
     */
    private static final class Producer {
        private final TelemetryWorker<Tick> worker;
        private final PipelineCounters counters;
        private long next;

        Producer(TelemetryWorker<Tick> worker, PipelineCounters counters) {
            this.worker = worker;
            this.counters = counters;
        }

        void produce(int frames) {
            long dueNanos = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                counters.incrementFramesBuilt();
                worker.offer(new Tick(next, next + 1));
                next++;
                dueNanos += FRAME_INTERVAL_NANOS;
                long wait = dueNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the producer, not synchronising with it
                }
            }
        }
    }

    /** A completed tick. */
    record Tick(long seq, long tick) implements BufferedItem {
    }

    /** Encodes ticks as minimal valid frames: a snapshot first and whenever a keyframe is requested, diffs otherwise. */
    private static final class JsonFrames implements FrameProducer<Tick> {
        private boolean keyframeDue = true;

        @Override
        public Optional<EncodedFrame> encode(Tick item) {
            boolean snapshot = keyframeDue;
            keyframeDue = false;
            String line = (snapshot ? RawProducer.snapshot(item.seq(), item.tick())
                    : RawProducer.diff(item.seq(), item.tick())) + "\n";
            return Optional.of(new EncodedFrame(item.seq(), item.tick(), snapshot ? FrameKind.SNAPSHOT
                    : FrameKind.DIFF, line.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void requestKeyframe() {
            keyframeDue = true;
        }
    }
}
