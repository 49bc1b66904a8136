package org.townlet.telemetry.core.encode;

import java.util.Objects;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.worker.BufferedItem;

/**
 * A completed tick (or a recorded failure) waiting in the pipeline buffer: its {@code seq}, its tick and the read
 * models of that moment (SPEC §2, §5). Holding one reference to the immutable {@link ReadModels} is what keeps the
 * simulation thread's cost small: no copy, no map building, no JSON; the worker builds the frame from it later.
 *
 * @param seq    the frame's stream sequence number
 * @param tick   the tick the frame describes
 * @param kind   a completed tick or a failure (SPEC §9.5)
 * @param models   the read models as they stood when the tick completed or the failure was recorded
 * @param slot     where the frame's snapshot document is kept when it is built ahead
 *                 ({@link PublisherFrameProducer#prebuild}); {@code null}: built when encoded
 */
public record TickRecord(long seq, long tick, Kind kind, ReadModels models,
                         DocumentSlot slot) implements BufferedItem {

    /** Why the frame exists. */
    public enum Kind {
        /** The tick completed ({@code loop.health}, the next {@code loop.tick}, or {@code stop()}). */
        TICK,
        /** A {@code loop.failure} took the place of the tick's completion. */
        FAILURE
    }

    public TickRecord {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, was " + seq);
        }
        if (tick < 0) {
            throw new IllegalArgumentException("tick must be >= 0, was " + tick);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(models, "models");
    }

    /** A record whose document is built when it is encoded. */
    public TickRecord(long seq, long tick, Kind kind, ReadModels models) {
        this(seq, tick, kind, models, null);
    }
}
