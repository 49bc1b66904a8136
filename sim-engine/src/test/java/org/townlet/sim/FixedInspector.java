package org.townlet.sim;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.townlet.telemetry.api.sink.EmptyInspector;
import org.townlet.telemetry.api.sink.TelemetryInspector;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;

/**
 * A {@link TelemetryInspector} whose reads are empty and whose export is the empty state at the tick a supplier gives,
 * with a marker runtime variant so a test can recognise it after a round trip. Thread-safe (stateless).
 */
final class FixedInspector implements EmptyInspector {
    static final String MARKER = "inspected";

    private final LongSupplier tick;

    FixedInspector(LongSupplier tick) {
        this.tick = tick;
    }

    @Override
    public TelemetryStateSnapshot exportState() {
        return TelemetryStateSnapshot.empty(tick.getAsLong()).toBuilder().runtimeVariant(MARKER).build();
    }

    @Override
    public void recordSnapshotMigrations(List<String> applied) {
    }

    @Override
    public void updateAnnealStatus(Map<String, Object> statusOrNull) {
    }
}
