package org.townlet.telemetry.api.sink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.townlet.telemetry.api.TelemetrySchema;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.NarrationLimiterState;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.PriceSpike;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.status.HealthStatus;

/**
 * A read model that has recorded nothing: every read returns its SPEC Table 3.3 empty value. For sinks that keep no
 * read models (the stub sink, test doubles), so those values are written once. What such sinks still track, the
 * current tick and the transport status, stays theirs to implement. Stateless; safe from any thread.
 */
public interface EmptyReadModel extends TelemetryReadModel {
    @Override
    default String schema() {
        return TelemetrySchema.VERSION;
    }

    @Override
    default Optional<PolicyIdentity> latestPolicyIdentity() {
        return Optional.empty();
    }

    @Override
    default Map<String, Map<String, Object>> latestPolicySnapshot() {
        return Map.of();
    }

    @Override
    default Optional<Map<String, Object>> latestAnnealStatus() {
        return Optional.empty();
    }

    @Override
    default QueueMetrics latestQueueMetrics() {
        return QueueMetrics.ZERO;
    }

    @Override
    default Map<String, Double> latestEmbeddingMetrics() {
        return Map.of();
    }

    @Override
    default Map<String, Map<String, Object>> latestJobSnapshot() {
        return Map.of();
    }

    @Override
    default List<WorldEvent> latestEvents() {
        return List.of();
    }

    @Override
    default Map<String, Object> latestEconomySnapshot() {
        return Map.of();
    }

    /** Empty: a sink without read models has no configured economy settings either (the stub's rule, SPEC §13). */
    @Override
    default Map<String, Double> latestEconomySettings() {
        return Map.of();
    }

    @Override
    default Map<String, PriceSpike> latestPriceSpikes() {
        return Map.of();
    }

    @Override
    default Map<String, Boolean> latestUtilities() {
        return WorldView.DEFAULT_UTILITIES;
    }

    @Override
    default Map<String, Object> latestEmploymentMetrics() {
        return Map.of();
    }

    @Override
    default ConflictSnapshot latestConflictSnapshot() {
        return ConflictSnapshot.EMPTY;
    }

    @Override
    default List<RivalryEvent> latestRivalryEvents() {
        return List.of();
    }

    @Override
    default Map<String, Object> latestAffordanceManifest() {
        return Map.of();
    }

    @Override
    default AffordanceRuntime latestAffordanceRuntime() {
        return AffordanceRuntime.EMPTY;
    }

    @Override
    default Map<String, Map<String, Double>> latestRewardBreakdown() {
        return Map.of();
    }

    @Override
    default Map<String, Map<String, Object>> latestPersonalitySnapshot() {
        return Map.of();
    }

    @Override
    default Map<String, Object> latestRelationshipMetrics() {
        return Map.of();
    }

    @Override
    default Map<String, Map<String, RelationshipTie>> latestRelationshipSnapshot() {
        return Map.of();
    }

    @Override
    default List<RelationshipUpdate> latestRelationshipUpdates() {
        return List.of();
    }

    @Override
    default RelationshipSummary latestRelationshipSummary() {
        return RelationshipSummary.EMPTY;
    }

    @Override
    default List<SocialEvent> latestSocialEvents() {
        return List.of();
    }

    @Override
    default List<NarrationEntry> latestNarrations() {
        return List.of();
    }

    @Override
    default NarrationLimiterState latestNarrationState() {
        return NarrationLimiterState.INITIAL;
    }

    @Override
    default Map<String, Object> latestStabilityMetrics() {
        return Map.of();
    }

    @Override
    default List<String> latestStabilityAlerts() {
        return List.of();
    }

    @Override
    default HealthStatus latestHealthStatus() {
        return HealthStatus.EMPTY;
    }

    @Override
    default List<String> latestSnapshotMigrations() {
        return List.of();
    }
}
