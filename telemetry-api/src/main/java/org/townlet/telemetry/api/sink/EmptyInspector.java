package org.townlet.telemetry.api.sink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.QueueHistoryEntry;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;

/**
 * An inspector that has recorded nothing: every read returns its empty value, as {@link EmptyReadModel} does for the
 * protocol's reads. For the stub sink and test doubles. {@link #exportState()} and the two writes stay theirs to
 * implement, so no implementation ignores a write by accident. Stateless; safe from any thread.
 */
public interface EmptyInspector extends TelemetryInspector {
    @Override
    default List<String> latestPossessedAgents() {
        return List.of();
    }

    @Override
    default List<Map<String, Object>> latestPreconditionFailures() {
        return List.of();
    }

    @Override
    default Perturbations latestPerturbations() {
        return Perturbations.EMPTY;
    }

    @Override
    default StabilityInputs latestStabilityInputs() {
        return StabilityInputs.EMPTY;
    }

    @Override
    default Map<String, Object> latestPromotionState() {
        return Map.of();
    }

    @Override
    default Optional<TelemetryEvent> latestPolicyMetadata() {
        return Optional.empty();
    }

    @Override
    default Optional<TelemetryEvent> latestPolicyAnneal() {
        return Optional.empty();
    }

    @Override
    default Map<String, Object> latestObservationEnvelope() {
        return Map.of();
    }

    @Override
    default List<QueueHistoryEntry> latestQueueHistory() {
        return List.of();
    }

    @Override
    default Map<String, List<OverlayEntry>> latestRelationshipOverlay() {
        return Map.of();
    }

    /** The five KPI series, each empty (the shape of an empty state snapshot). */
    @Override
    default Map<String, List<Number>> kpiHistory() {
        return TelemetryStateSnapshot.EMPTY_KPI_HISTORY;
    }
}
