package org.townlet.telemetry.core.publish;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.encode.TickRecord;
import org.townlet.telemetry.core.worker.FrameProducer;

/**
 * A {@link FrameProducer} that, before each frame, computes the derived models of every tick ingested so far (see
 * {@code aggregate.Derivation}), not only those up to the frame's tick. Ticks whose frames were dropped, and ticks
 * still in the buffer, are thereby derived by the worker as it goes, so pending derivations stay few and the
 * simulation thread never reaches the store's bound and computes them itself (SPEC §2).
 *
 * <p>Threads: called like the producer it wraps (send lock held); reading the newest models never blocks ingestion.
 */
final class CatchUpFrameProducer implements FrameProducer<TickRecord> {
    private final FrameProducer<TickRecord> delegate;
    private final Supplier<ReadModels> newest;

    CatchUpFrameProducer(FrameProducer<TickRecord> delegate, Supplier<ReadModels> newest) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.newest = Objects.requireNonNull(newest, "newest");
    }

    @Override
    public Optional<EncodedFrame> encode(TickRecord item) {
        newest.get().derivation().get();
        return delegate.encode(item);
    }

    @Override
    public void requestKeyframe() {
        delegate.requestKeyframe();
    }
}
