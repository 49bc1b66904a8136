package org.townlet.benchmarks;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.core.worker.BackpressureStrategy;
import org.townlet.telemetry.core.worker.BufferedItem;
import org.townlet.telemetry.core.worker.FrameProducer;
import org.townlet.telemetry.core.worker.OfferOutcome;
import org.townlet.telemetry.core.worker.PipelineCounters;
import org.townlet.telemetry.core.worker.TelemetryWorker;
import org.townlet.telemetry.core.worker.WorkerSettings;

/**
 * The simulation thread's side of the pipeline buffer (SPEC §11.2, §11.3): one {@code offer} of a frame while the
 * worker thread polls and "sends" (to a discarding transport) concurrently, under each backpressure strategy. The
 * producer returns one pre-encoded 1 KiB frame, so the worker's own cost is the buffer and batching.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BufferBenchmark {
    @Param({"DROP_OLDEST", "BLOCK", "FAN_OUT"})
    public BackpressureStrategy strategy;

    private TelemetryWorker<Item> worker;
    private PipelineCounters counters;
    private long seq;

    /** A buffered item. */
    record Item(long seq, long tick) implements BufferedItem {
    }

    @Setup(Level.Trial)
    public void start() {
        byte[] bytes = new byte[1024];
        java.util.Arrays.fill(bytes, (byte) ' ');
        bytes[bytes.length - 1] = '\n';
        counters = new PipelineCounters("discard", strategy.name().toLowerCase(java.util.Locale.ROOT), false, false,
                false, false);
        worker = TelemetryWorker.<Item>builder()
                .transport(Frames.discarding())
                .producer(new FrameProducer<>() {
                    @Override
                    public Optional<EncodedFrame> encode(Item item) {
                        return Optional.of(new EncodedFrame(item.seq(), item.tick(), FrameKind.DIFF, bytes));
                    }

                    @Override
                    public void requestKeyframe() {
                    }
                })
                .counters(counters)
                .settings(WorkerSettings.DEFAULTS.toBuilder().backpressure(strategy).build())
                .build();
        worker.start();
    }

    @TearDown(Level.Trial)
    public void stop() {
        worker.stop();
    }

    /** One offer from the simulation thread. */
    @Benchmark
    public OfferOutcome offer() {
        long s = seq++;
        counters.incrementFramesBuilt();
        return worker.offer(new Item(s, s + 1));
    }
}
