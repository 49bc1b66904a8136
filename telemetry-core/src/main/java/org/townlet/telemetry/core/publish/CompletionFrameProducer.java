package org.townlet.telemetry.core.publish;

import java.util.Objects;
import java.util.Optional;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.encode.TickRecord;
import org.townlet.telemetry.core.worker.FrameProducer;

/**
 * The publisher's {@link FrameProducer}: turns a tick's completion into its {@link TickRecord}, ingesting what the
 * simulation queued up to it if nobody has yet ({@link IngestionLog}), with the document the {@link AheadDeriver}
 * thread built for it, if any. The ticks ahead of the frame are ingested too, and that thread derives them; with
 * eager ingestion ({@code fail_on_ingest_error}) every tick is ingested and derived when emitted.
 *
 * <p>Threads: called like the producer it wraps (send lock held); ingesting takes the log's lock, never one the
 * simulation thread waits on to emit.
 */
final class CompletionFrameProducer implements FrameProducer<IngestionLog.Completion> {
    private final FrameProducer<TickRecord> delegate;
    /** {@code null} when ingestion is eager. */
    private final IngestionLog ingestion;

    CompletionFrameProducer(FrameProducer<TickRecord> delegate, IngestionLog ingestion) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ingestion = ingestion;
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
        return delegate.encode(new TickRecord(item.seq(), item.tick(), item.kind(), models, item.slot()));
    }

    @Override
    public void requestKeyframe() {
        delegate.requestKeyframe();
    }
}
