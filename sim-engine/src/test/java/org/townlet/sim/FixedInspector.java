package org.townlet.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.QueueHistoryEntry;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.sink.TelemetryInspector;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;

/**
 * A {@link TelemetryInspector} whose reads are empty and whose export is the empty state at the tick a supplier gives,
 * with a marker runtime variant so a test can recognise it after a round trip. Thread-safe (stateless).
 */
final class FixedInspector implements TelemetryInspector {
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
    public List<String> latestPossessedAgents() {
        return List.of();
    }

    @Override
    public List<Map<String, Object>> latestPreconditionFailures() {
        return List.of();
    }

    @Override
    public Perturbations latestPerturbations() {
        return Perturbations.EMPTY;
    }

    @Override
    public StabilityInputs latestStabilityInputs() {
        return StabilityInputs.EMPTY;
    }

    @Override
    public Map<String, Object> latestPromotionState() {
        return Map.of();
    }

    @Override
    public Optional<TelemetryEvent> latestPolicyMetadata() {
        return Optional.empty();
    }

    @Override
    public Optional<TelemetryEvent> latestPolicyAnneal() {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> latestObservationEnvelope() {
        return Map.of();
    }

    @Override
    public List<QueueHistoryEntry> latestQueueHistory() {
        return List.of();
    }

    @Override
    public Map<String, List<OverlayEntry>> latestRelationshipOverlay() {
        return Map.of();
    }

    @Override
    public Map<String, List<Number>> kpiHistory() {
        return Map.of();
    }

    @Override
    public void recordSnapshotMigrations(List<String> applied) {
    }

    @Override
    public void updateAnnealStatus(Map<String, Object> statusOrNull) {
    }
}
