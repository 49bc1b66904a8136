package org.townlet.benchmarks;

import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.core.encode.DocumentSlot;
import org.townlet.telemetry.core.encode.FrameDiffer;
import org.townlet.telemetry.core.encode.FrameEncoder;
import org.townlet.telemetry.core.encode.PublisherFrameProducer;
import org.townlet.telemetry.core.encode.SnapshotDocumentBuilder;
import org.townlet.telemetry.core.encode.TickRecord;
import org.townlet.telemetry.core.transform.TransformChain;
import org.townlet.telemetry.core.transform.TransformPipeline;
import org.townlet.telemetry.core.transform.TransformSpec;
import org.townlet.telemetry.core.worker.PipelineCounters;

/**
 * The worker's per-frame path on real read models of the default town (SPEC §9.5): building the snapshot document and
 * diffing it against the previous one, encoding a document, and the whole producer (build, transforms with schema
 * validation, diff, encode), also without the schema validator to show the rest. Each invocation handles the next
 * tick of a recorded sequence, cycling.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameBuildBenchmark {
    @Param({"50"})
    public int agents;

    private List<TickRecord> records;
    private List<Map<String, Object>> documents;
    /** Each recorded tick's diff against the tick before (the first: its snapshot), in order. */
    private List<Map<String, Object>> diffs;
    private FrameEncoder diffEncoder;
    private TransformChain frameStage;
    private int next;
    private SnapshotDocumentBuilder builder;
    private Map<String, Object> base;
    private FrameEncoder encoder;
    private PublisherFrameProducer producer;
    private PublisherFrameProducer unvalidatedProducer;
    private long seq;

    @Setup(Level.Trial)
    public void record() {
        records = Frames.records(agents, 500, 200);
        SnapshotDocumentBuilder documentsBuilder = new SnapshotDocumentBuilder(() -> counters().toStatus(), () -> { });
        documents = records.stream().<Map<String, Object>>map(documentsBuilder::build).toList();
        diffs = new java.util.ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            TickRecord record = records.get(i);
            diffs.add(i == 0 ? documents.get(0)
                    : FrameDiffer.diff(documents.get(i - 1), documents.get(i), record.seq(), record.tick()));
        }
        builder = new SnapshotDocumentBuilder(() -> counters().toStatus(), () -> { });
        encoder = new FrameEncoder();
        diffEncoder = new FrameEncoder(true);
        frameStage = TransformChain.of(TransformPipeline.DEFAULT);
        producer = new PublisherFrameProducer(counters(), true, 100);
        TransformPipeline withoutValidation = TransformPipeline.of(TransformPipeline.DEFAULT.transforms().stream()
                .filter(spec -> !(spec instanceof TransformSpec.SchemaValidator))
                .toList());
        unvalidatedProducer = new PublisherFrameProducer(counters(), true, 100, TransformChain.of(withoutValidation),
                e -> {
                    throw e;
                });
    }

    private static PipelineCounters counters() {
        return new PipelineCounters("discard", "drop_oldest", false, false, false, false);
    }

    private TickRecord nextRecord() {
        TickRecord record = records.get(next);
        next = (next + 1) % records.size();
        return record;
    }

    /** Builds the snapshot document of the next tick and diffs it against the previous document. */
    @Benchmark
    public Map<String, Object> buildAndDiff() {
        TickRecord record = nextRecord();
        Map<String, Object> document = builder.build(record);
        Map<String, Object> frame = base == null ? document
                : FrameDiffer.diff(base, document, record.seq(), record.tick());
        base = document;
        return frame;
    }

    /** Encodes a whole snapshot document (all sections). */
    @Benchmark
    public byte[] encodeSnapshot() {
        Map<String, Object> document = documents.get(next);
        next = (next + 1) % documents.size();
        return encoder.encodeBytes(document);
    }

    /**
     * Encodes the next tick's diff as the worker does (section and entry bytes reused by identity from the previous
     * frame's), the diffs in tick order so that reuse sees what it sees in a run.
     */
    @Benchmark
    public byte[] encodeDiff() {
        Map<String, Object> diff = diffs.get(next);
        next = (next + 1) % diffs.size();
        return diffEncoder.encodeBytes(diff);
    }

    /** The frame stage of the default pipeline (required fields, schema validation) on the next tick's diff. */
    @Benchmark
    public Map<String, Object> validateDiff() {
        int index = next == 0 ? 1 : next;
        next = (next + 1) % diffs.size();
        return frameStage.applyFrameStage(diffs.get(index), org.townlet.telemetry.api.transport.FrameKind.DIFF,
                records.get(index).seq());
    }

    /** The worker's whole per-frame path with the default pipeline: build, redact, diff, validate, encode. */
    @Benchmark
    public EncodedFrame produce() {
        return producer.encode(nextRenumbered()).orElse(null);
    }

    /** {@link #produce()} without the schema validator: build, redact, diff, required fields, encode. */
    @Benchmark
    public EncodedFrame produceWithoutValidation() {
        return unvalidatedProducer.encode(nextRenumbered()).orElse(null);
    }

    /** The next recorded tick with the next {@code seq}, its tick moved on by a cycle's length each time round. */
    private TickRecord nextRenumbered() {
        TickRecord record = nextRecord();
        TickRecord renumbered = new TickRecord(seq, record.tick() + 1_000_000L * (seq / records.size()),
                record.kind(), record.models());
        seq++;
        return renumbered;
    }
}
