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
 * Supplementary reads and writes outside the 43-method protocol (SPEC §3.4), implemented by the publisher and the
 * stub and handed to the console router and to snapshot save/restore. Reads follow the rules of
 * {@link TelemetryReadModel}: any thread, immutable, never {@code null}.
 */
public interface TelemetryInspector {
    /** Every piece of telemetry state, for save and restore (SPEC §14). */
    TelemetryStateSnapshot exportState();

    /** Sorted unique ids of the agents the console possesses; {@code []}. */
    List<String> latestPossessedAgents();

    /** The latest tick's {@code affordance_precondition_fail} events as JSON maps; {@code []}. */
    List<Map<String, Object>> latestPreconditionFailures();

    /** Active, pending and cooling-down perturbations; {@code Perturbations.EMPTY}. */
    Perturbations latestPerturbations();

    /** The inputs of the stability computation; {@code StabilityInputs.EMPTY}. */
    StabilityInputs latestStabilityInputs();

    /** The promotion state; {@code {}}. */
    Map<String, Object> latestPromotionState();

    /** The last {@code policy.metadata} event with its tick; empty until one arrives. */
    Optional<TelemetryEvent> latestPolicyMetadata();

    /** The last {@code policy.anneal.update} event with its tick; empty until one arrives. */
    Optional<TelemetryEvent> latestPolicyAnneal();

    /** The latest observation envelope; {@code {}}. */
    Map<String, Object> latestObservationEnvelope();

    /** The last 50 queue-fairness history entries; {@code []}. */
    List<QueueHistoryEntry> latestQueueHistory();

    /** Owner → its top 3 ties by trust, with this tick's deltas; {@code {}}. */
    Map<String, List<OverlayEntry>> latestRelationshipOverlay();

    /** The five KPI series (SPEC §6.5), each at most 50 values; {@code {}}. */
    Map<String, List<Number>> kpiHistory();

    /** Records the migrations a snapshot restore applied. */
    void recordSnapshotMigrations(List<String> applied);

    /** Sets the anneal status explicitly; {@code null} clears it. */
    void updateAnnealStatus(Map<String, Object> statusOrNull);
}
