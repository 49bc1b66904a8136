package org.townlet.telemetry.api.sink;

import java.util.List;
import org.townlet.telemetry.api.event.WorldEvent;

/**
 * Receives each tick's world events (protocol #5). Called on the simulation thread during {@code loop.tick}
 * ingestion, in registration order. A subscriber that throws is logged, counted in {@code ingest_errors_total} and
 * skipped; it never aborts the tick. Implementations must be fast: they run on the simulation thread.
 */
@FunctionalInterface
public interface EventSubscriber {
    /** Handles the events of {@code tick} (an immutable list, possibly empty). */
    void onEvents(long tick, List<WorldEvent> events);
}
