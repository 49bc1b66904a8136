package org.townlet.telemetry.core.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.townlet.telemetry.api.TelemetryValidationException;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.core.transform.TransformChain;
import org.townlet.telemetry.core.transform.TransformPipeline;
import org.townlet.telemetry.core.worker.FrameProducer;
import org.townlet.telemetry.core.worker.PipelineCounters;
import org.townlet.telemetry.core.worker.TelemetryWorker;

/**
 * The publisher's {@link FrameProducer} (SPEC §9.3, §9.5, §10): builds the snapshot document of a {@link TickRecord},
 * runs the section stage of the transform pipeline on it (normalise, redact), emits it whole as a keyframe or as a
 * section-level diff against the previous document, runs the frame stage (required fields, schema validation) and
 * encodes it as one NDJSON line. Redaction precedes diffing, so a redacted key never reaches a diff.
 *
 * <p>A snapshot is due for the first frame, after {@link #requestKeyframe()} (a drop, a reconnect or rotation, an
 * import), when diffs are disabled, or when {@code keyframeIntervalTicks > 0} and
 * {@code tick - lastKeyframeTick >= keyframeIntervalTicks}. Each snapshot built counts in {@code keyframes_total}.
 *
 * <p>A frame a transform drops yields no frame; the worker counts it in {@code frames_dropped_total} and the next
 * frame is a keyframe. A {@code raise} validator's {@link TelemetryValidationException} is handed to the
 * {@code raised} callback (the publisher rethrows it on the simulation thread) and the frame is dropped likewise; it
 * never reaches the worker loop, so the worker does not count it as a crash.
 *
 * <p>Threads: the diff base and keyframe state are guarded by the pipeline's send lock; the worker calls
 * {@link #encode} and {@link #requestKeyframe()} only while holding it, in {@code seq} order. One other thread may
 * build documents ahead ({@link #prebuild}) with a document builder of its own; the two threads share only the
 * records' {@link DocumentSlot}s and {@code producedSeq}, so the worker never waits on that thread's progress for long.
 */
public final class PublisherFrameProducer implements FrameProducer<TickRecord> {
    /** The section the default pipeline redacts (SPEC §10.2). */
    public static final String POLICY_IDENTITY = "policy_identity";
    /** How long the worker waits for a document being built ahead before it builds the document itself. */
    private static final long PREBUILT_PATIENCE_NANOS = 300_000L;
    /**
     * How long the worker waits for the thread building ahead to start on the record after the one it last looked at:
     * that thread looks for new ticks every ~0.1 ms ({@code AheadDeriver}), so it is normally there well within this.
     */
    private static final long CLAIM_PATIENCE_NANOS = 400_000L;
    /** How many records past the worker's a document built ahead starts at while the worker has a backlog. */
    private static final long WORKER_LEAD = 2;
    /**
     * How many records may wait behind the one the worker takes without counting as a backlog: ticks come in bursts
     * (a paced loop starts the ticks due within a millisecond together, five at 5,000 ticks/s), and the worker meets
     * the first of a burst with the rest already queued. Only a longer queue means it has fallen behind.
     */
    static final long BURST = 8;

    private final PipelineCounters counters;
    private final boolean diffEnabled;
    private final long keyframeIntervalTicks;
    private final TransformChain transforms;
    private final Consumer<TelemetryValidationException> raised;
    private final FrameEncoder encoder = new FrameEncoder(true);
    /** The worker's document builder (send lock held). */
    private final SnapshotDocumentBuilder documents;
    /** The builder of documents built ahead; only that thread uses it. */
    private final SnapshotDocumentBuilder aheadDocuments;

    /** The newest {@code seq} the worker has taken a document for: nothing up to it is built ahead any more. */
    private volatile long producedSeq = -1;
    /** The newest {@code seq} the thread building ahead has looked at (built, or left alone). */
    private volatile long aheadSeq = -1;

    // Send lock held.
    private Map<String, Object> base;
    private long lastKeyframeTick;
    private boolean keyframeRequested;

    /**
     * A producer with the default pipeline ({@link TransformPipeline#DEFAULT}: redaction of {@code policy_identity},
     * required fields, validation against the bundled schemas in {@code drop} mode).
     *
     * @param counters              where keyframes and non-finite values are counted, and the transport status read
     * @param diffEnabled           {@code telemetry.diff_enabled}
     * @param keyframeIntervalTicks {@code telemetry.keyframe_interval_ticks}; 0 = forced keyframes only
     */
    public PublisherFrameProducer(PipelineCounters counters, boolean diffEnabled, long keyframeIntervalTicks) {
        this(counters, diffEnabled, keyframeIntervalTicks, TransformChain.of(TransformPipeline.DEFAULT), e -> {
            throw e;
        });
    }

    /**
     * A producer running {@code transforms}.
     *
     * @param raised told of each {@code raise}-mode validation failure (on the worker thread, under the send lock);
     *               must not block
     */
    public PublisherFrameProducer(PipelineCounters counters, boolean diffEnabled, long keyframeIntervalTicks,
            TransformChain transforms, Consumer<TelemetryValidationException> raised) {
        this.counters = Objects.requireNonNull(counters, "counters");
        if (keyframeIntervalTicks < 0) {
            throw new IllegalArgumentException("keyframeIntervalTicks must be >= 0, was " + keyframeIntervalTicks);
        }
        this.diffEnabled = diffEnabled;
        this.keyframeIntervalTicks = keyframeIntervalTicks;
        this.transforms = Objects.requireNonNull(transforms, "transforms");
        this.raised = Objects.requireNonNull(raised, "raised");
        // One non-finite warning per section between the two builders.
        Set<String> warnedSections = ConcurrentHashMap.newKeySet();
        this.documents = new SnapshotDocumentBuilder(counters::toStatus, counters::incrementNonfiniteValues,
                warnedSections);
        // Its non-finite values count when the worker uses the document (DocumentSlot.Prebuilt), not when it is built.
        this.aheadDocuments = new SnapshotDocumentBuilder(counters::toStatus, () -> { }, warnedSections);
    }

    /** The running transforms (their counters). */
    public TransformChain transforms() {
        return transforms;
    }

    @Override
    public Optional<EncodedFrame> encode(TickRecord item) {
        boolean snapshot = !diffEnabled
                || base == null
                || keyframeRequested
                || (keyframeIntervalTicks > 0 && item.tick() - lastKeyframeTick >= keyframeIntervalTicks);
        FrameKind kind = snapshot ? FrameKind.SNAPSHOT : FrameKind.DIFF;
        Map<String, Object> document = transforms.applySectionStage(document(item), kind, item.seq());
        if (document == null) {
            keyframeRequested = true;
            return Optional.empty();
        }
        Map<String, Object> frame;
        if (snapshot) {
            counters.incrementKeyframes();
            lastKeyframeTick = item.tick();
            keyframeRequested = false;
            frame = document;
        } else {
            frame = FrameDiffer.diff(base, document, item.seq(), item.tick());
        }
        base = document;
        Map<String, Object> finished;
        try {
            finished = transforms.applyFrameStage(frame, kind, item.seq());
        } catch (TelemetryValidationException e) {
            raised.accept(e);
            finished = null;
        }
        if (finished == null) {
            keyframeRequested = true;
            return Optional.empty();
        }
        return Optional.of(encoder.encode(item.seq(), item.tick(), kind, finished));
    }

    /**
     * Builds the snapshot document of {@code record} ahead of its {@link #encode} (SPEC §9.4), on a thread other than
     * the worker's, so the worker only transforms, diffs, validates and encodes it. (Its entries are not encoded here:
     * the worker writes a changed entry against the previous frame's bytes of it, which costs it about what copying
     * bytes encoded here would, so encoding them here would only add to this thread's work; docs/PERFORMANCE.md,
     * change 53.) The document is the same as the worker would build (the worker reads its {@code transport} section
     * again when it takes it), kept in the record's {@link TickRecord#slot()}, which {@link #encode} then takes; its
     * non-finite values count in {@code nonfinite_values_total} when it is used. One thread only, normally in
     * {@code seq} order (its builder's caches are made for that); a record the worker has reached or passed, or whose
     * slot is taken, is left alone. Whether it built the document.
     */
    public boolean prebuild(TickRecord record) {
        DocumentSlot slot = Objects.requireNonNull(record.slot(), "slot");
        aheadSeq = Math.max(aheadSeq, record.seq());
        long produced = producedSeq;
        // A worker with a backlog gets to the next few while this document is built: waiting for it there would put
        // the two in lockstep (the worker idle half the time), so leave those to the worker and build further ahead.
        // A burst is no backlog: this thread builds its documents in order, while the worker encodes the first ones.
        boolean workerBehind = recordsAfter(produced) > BURST + WORKER_LEAD;
        if (record.seq() <= produced || workerBehind && record.seq() <= produced + WORKER_LEAD || !slot.claim()) {
            return false;
        }
        long before = aheadDocuments.nonfiniteSeen();
        LinkedHashMap<String, Object> document = aheadDocuments.build(record);
        slot.fill(new DocumentSlot.Prebuilt(document, aheadDocuments.nonfiniteSeen() - before));
        return true;
    }

    /** The newest {@code seq} the worker has taken a document for, or -1 (any thread). */
    public long producedSeq() {
        return producedSeq;
    }

    private Map<String, Object> document(TickRecord item) {
        producedSeq = item.seq();
        DocumentSlot slot = item.slot();
        // Only the worker thread waits for a document being built; a fan_out producer (the simulation thread) must not.
        // It also waits for one not started yet when it has caught up with the simulation (this is the newest tick, or
        // one of the newest burst) and the thread building ahead comes to it next: at a paced rate the worker would
        // otherwise often get to a tick first and build its document itself, while that thread, with a core to spare,
        // built it for nothing; and a document the worker builds among those built ahead costs more to build, diff and
        // encode (its builder's caches are older). Behind, the worker never waits for a start: the two then build
        // different frames at once (docs/PERFORMANCE.md).
        boolean onWorker = TelemetryWorker.onWorkerThread();
        long patience = onWorker ? PREBUILT_PATIENCE_NANOS : 0;
        boolean caughtUp = recordsAfter(item.seq()) <= BURST;
        long claimPatience = onWorker && caughtUp && aheadSeq == item.seq() - 1 ? CLAIM_PATIENCE_NANOS : 0;
        DocumentSlot.Prebuilt prebuilt = slot == null ? null : slot.take(patience, claimPatience);
        if (prebuilt == null) {
            return documents.build(item);
        }
        counters.addNonfiniteValues(prebuilt.nonfinite());
        // Built ahead, maybe several frames ago: the transport section is read now, as for a document built here, so
        // its counters never go back from one frame to the next.
        documents.refreshTransport(prebuilt.document());
        return prebuilt.document();
    }

    /** How many records the simulation has completed after {@code seq} (any thread; a hint, it moves on). */
    private long recordsAfter(long seq) {
        return counters.framesBuilt() - 1 - seq;
    }

    /** The next frame built is a snapshot. Send lock held. */
    @Override
    public void requestKeyframe() {
        keyframeRequested = true;
    }
}
