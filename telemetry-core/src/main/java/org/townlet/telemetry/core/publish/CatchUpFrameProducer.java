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
 * simulation queued up to it if nobody has yet ({@link IngestionLog}), and, before each frame, computes the derived
 * models of every tick ingested so far (see {@code aggregate.Derivation}), not only those up to the frame's tick. Ticks
 * whose frames were dropped, and ticks still in the buffer, are thereby ingested and derived as the worker goes, so
 * the queue and the pending derivations stay short and the simulation thread never reaches their bounds and does the
 * work itself (SPEC §2).
 *
 * <p>Threads: called like the producer it wraps (send lock held); ingesting and deriving take their own locks, never
 * one the simulation thread waits on to emit.
 */
final class CatchUpFrameProducer implements FrameProducer<IngestionLog.Completion> {
    private final FrameProducer<TickRecord> delegate;
    /** {@code null} when ingestion is eager. */
    private final IngestionLog ingestion;
    private final Supplier<ReadModels> newest;

    CatchUpFrameProducer(FrameProducer<TickRecord> delegate, IngestionLog ingestion, Supplier<ReadModels> newest) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ingestion = ingestion;
        this.newest = Objects.requireNonNull(newest, "newest");
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
        newest.get().derivation().get();
        return delegate.encode(new TickRecord(item.seq(), item.tick(), item.kind(), models));
    }

    @Override
    public void requestKeyframe() {
        delegate.requestKeyframe();
    }
}
