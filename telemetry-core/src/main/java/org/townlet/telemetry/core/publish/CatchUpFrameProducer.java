package org.townlet.telemetry.core.publish;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.encode.TickRecord;
import org.townlet.telemetry.core.worker.FrameProducer;

/**
 * The publisher's {@link FrameProducer}: turns a tick's completion into its {@link TickRecord}, ingesting what the
 * simulation queued up to it if nobody has yet ({@link IngestionLog}). The ticks ahead of the frame are ingested too,
 * and their derived models (see {@code aggregate.Derivation}) are computed by the {@link AheadDeriver} thread; without
 * one, this producer computes them itself before each frame. Either way ticks whose frames were dropped are derived as
 * the pipeline goes, so the queue and the pending derivations stay short and the simulation thread never reaches
 * their bounds and does the work itself (SPEC §2).
 *
 * <p>Threads: called like the producer it wraps (send lock held); ingesting and deriving take their own locks, never
 * one the simulation thread waits on to emit.
 */
final class CatchUpFrameProducer implements FrameProducer<IngestionLog.Completion> {
    private final FrameProducer<TickRecord> delegate;
    /** {@code null} when ingestion is eager. */
    private final IngestionLog ingestion;
    /** The newest models to derive up to, or {@code null} when the deriver thread does that (see the class comment). */
    private final Supplier<ReadModels> newest;

    /**
     * @param newest the newest models, whose derivation the worker computes before each frame; {@code null} when an
     *               {@link AheadDeriver} runs: the worker then derives only what its own frame needs, and leaves the
     *               ticks ahead of it to that thread instead of waiting on it for them
     */
    CatchUpFrameProducer(FrameProducer<TickRecord> delegate, IngestionLog ingestion, Supplier<ReadModels> newest) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ingestion = ingestion;
        this.newest = newest;
    }

    @Override
    public Optional<EncodedFrame> encode(IngestionLog.Completion item) {
        ReadModels models = item.models();
        if (models == null && ingestion != null) {
            ingestion.ingestAll();
            models = item.models();
        }
        if (models == null) {
            throw new IllegalStateException("the completion of seq " + item.seq() + " was never ingested");
        }
        if (newest != null) {
            newest.get().derivation().get();
        }
        return delegate.encode(new TickRecord(item.seq(), item.tick(), item.kind(), models, item.document()));
    }

    @Override
    public void requestKeyframe() {
        delegate.requestKeyframe();
    }
}
