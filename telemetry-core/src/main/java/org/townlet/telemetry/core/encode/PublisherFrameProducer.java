package org.townlet.telemetry.core.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.core.worker.FrameProducer;
import org.townlet.telemetry.core.worker.PipelineCounters;

/**
 * The publisher's {@link FrameProducer} (SPEC §9.3, §9.5): builds the snapshot document of a {@link TickRecord},
 * applies the section stage (redaction), then emits it whole as a keyframe or as a section-level diff against the
 * previous document, and encodes it as one NDJSON line.
 *
 * <p>A snapshot is due for the first frame, after {@link #requestKeyframe()} (a drop, a reconnect or rotation, an
 * import), when diffs are disabled, or when {@code keyframeIntervalTicks > 0} and
 * {@code tick - lastKeyframeTick >= keyframeIntervalTicks}. Each snapshot counts in {@code keyframes_total}.
 *
 * <p>Threads: the diff base and keyframe state are guarded by the pipeline's send lock; the worker calls
 * {@link #encode} and {@link #requestKeyframe()} only while holding it, in {@code seq} order.
 */
public final class PublisherFrameProducer implements FrameProducer<TickRecord> {
    /** The section redacted by the default pipeline (SPEC §10.2). */
    public static final String POLICY_IDENTITY = "policy_identity";

    private final PipelineCounters counters;
    private final boolean diffEnabled;
    private final long keyframeIntervalTicks;
    private final UnaryOperator<Map<String, Object>> sectionStage;
    private final SnapshotDocumentBuilder documents;
    private final FrameEncoder encoder = new FrameEncoder();

    // Send lock held.
    private Map<String, Object> base;
    private long lastKeyframeTick;
    private boolean keyframeRequested;

    /**
     * A producer with the default section stage ({@link #defaultSectionStage()}).
     *
     * @param counters              where keyframes and non-finite values are counted, and the transport status read
     * @param diffEnabled           {@code telemetry.diff_enabled}
     * @param keyframeIntervalTicks {@code telemetry.keyframe_interval_ticks}; 0 = forced keyframes only
     */
    public PublisherFrameProducer(PipelineCounters counters, boolean diffEnabled, long keyframeIntervalTicks) {
        this(counters, diffEnabled, keyframeIntervalTicks, defaultSectionStage());
    }

    /**
     * A producer with its own section stage: a function of the snapshot document that returns the same document, a
     * new one (never mutating its input), or {@code null} to drop the frame.
     */
    public PublisherFrameProducer(PipelineCounters counters, boolean diffEnabled, long keyframeIntervalTicks,
            UnaryOperator<Map<String, Object>> sectionStage) {
        this.counters = Objects.requireNonNull(counters, "counters");
        if (keyframeIntervalTicks < 0) {
            throw new IllegalArgumentException("keyframeIntervalTicks must be >= 0, was " + keyframeIntervalTicks);
        }
        this.diffEnabled = diffEnabled;
        this.keyframeIntervalTicks = keyframeIntervalTicks;
        this.sectionStage = Objects.requireNonNull(sectionStage, "sectionStage");
        this.documents = new SnapshotDocumentBuilder(counters::toStatus, counters::incrementNonfiniteValues);
    }

    /**
     * The default section stage: removes {@code policy_identity} (SPEC §10.2 entry 2), before diffing, so the key never
     * reaches a diff.
     */
    // Next: issue "telemetry core" — the transform pipeline (§10) replaces this with its configured section stage
    // (snapshot_normalizer, redact_fields) and adds the frame stage (ensure_fields, schema_validator) after diffing.
    public static UnaryOperator<Map<String, Object>> defaultSectionStage() {
        return document -> {
            if (!document.containsKey(POLICY_IDENTITY)) {
                return document;
            }
            LinkedHashMap<String, Object> redacted = new LinkedHashMap<>(document);
            redacted.remove(POLICY_IDENTITY);
            return redacted;
        };
    }

    @Override
    public Optional<EncodedFrame> encode(TickRecord item) {
        Map<String, Object> document = sectionStage.apply(documents.build(item));
        if (document == null) {
            keyframeRequested = true;
            return Optional.empty();
        }
        boolean snapshot = !diffEnabled
                || base == null
                || keyframeRequested
                || (keyframeIntervalTicks > 0 && item.tick() - lastKeyframeTick >= keyframeIntervalTicks);
        Map<String, Object> frame;
        FrameKind kind;
        if (snapshot) {
            counters.incrementKeyframes();
            lastKeyframeTick = item.tick();
            keyframeRequested = false;
            frame = document;
            kind = FrameKind.SNAPSHOT;
        } else {
            frame = FrameDiffer.diff(base, document, item.seq(), item.tick());
            kind = FrameKind.DIFF;
        }
        base = document;
        return Optional.of(encoder.encode(item.seq(), item.tick(), kind, frame));
    }

    /** The next frame built is a snapshot. Send lock held. */
    @Override
    public void requestKeyframe() {
        keyframeRequested = true;
    }
}
