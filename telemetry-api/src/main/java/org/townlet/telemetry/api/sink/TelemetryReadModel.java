package org.townlet.telemetry.api.sink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * The read role (protocol methods 1, 3, 8–10, 15–34, 36–42): the latest state of every read model.
 *
 * <p>Every method is safe from any thread, never blocks the simulation thread, and returns an immutable value, never
 * {@code null}. Before anything is recorded each returns the "empty" value of SPEC Table 3.3, named on the method.
 */
public interface TelemetryReadModel {
    /** #1: the stream schema version, always {@code "0.9.9"}. */
    String schema();

    /** #3: the tick of the latest {@code loop.tick}; {@code 0} before the first. */
    long currentTick();

    /** #8: the policy identity; empty until set. */
    Optional<PolicyIdentity> latestPolicyIdentity();

    /** #9: agent → policy state; {@code {}}. */
    Map<String, Map<String, Object>> latestPolicySnapshot();

    /** #10: the effective anneal status (set explicitly, else the latest tick's anneal context); empty. */
    Optional<Map<String, Object>> latestAnnealStatus();

    /** #15: cumulative queue counters; {@code QueueMetrics.ZERO}. */
    QueueMetrics latestQueueMetrics();

    /** #16: embedding (observation slot) metrics; {@code {}}. */
    Map<String, Double> latestEmbeddingMetrics();

    /** #17: agent → job entry (SPEC §17.4); {@code {}}. */
    Map<String, Map<String, Object>> latestJobSnapshot();

    /** #18: the latest tick's world events, then out-of-band entries (cap 128); {@code []}. */
    List<WorldEvent> latestEvents();

    /** #19: objects with stock, and prices; {@code {}}. */
    Map<String, Object> latestEconomySnapshot();

    /** #20: economy settings; starts from the configured settings ({@code {}} for the stub). */
    Map<String, Double> latestEconomySettings();

    /** #21: active price spikes by id; {@code {}}. */
    Map<String, PriceSpike> latestPriceSpikes();

    /** #22: utility state; {@code {power:true, water:true}}. */
    Map<String, Boolean> latestUtilities();

    /** #23: the employment exit queue and counters; {@code {}}. */
    Map<String, Object> latestEmploymentMetrics();

    /** #24: queues, rivalry and their histories; {@code ConflictSnapshot.EMPTY}. */
    ConflictSnapshot latestConflictSnapshot();

    /** #25: the last 50 rivalry events; {@code []}. */
    List<RivalryEvent> latestRivalryEvents();

    /** #26: the affordance manifest; {@code {}}. */
    Map<String, Object> latestAffordanceManifest();

    /** #27: running affordances and reservations; {@code AffordanceRuntime.EMPTY} (tick 0). */
    AffordanceRuntime latestAffordanceRuntime();

    /** #28: agent → reward component → value; {@code {}}. */
    Map<String, Map<String, Double>> latestRewardBreakdown();

    /** #29: agent → personality profile; {@code {}}. */
    Map<String, Map<String, Object>> latestPersonalitySnapshot();

    /** #30: relationship churn metrics; {@code {}}. */
    Map<String, Object> latestRelationshipMetrics();

    /** #31: owner → other → tie; {@code {}}. */
    Map<String, Map<String, RelationshipTie>> latestRelationshipSnapshot();

    /** #32: the latest tick's relationship updates; {@code []}. */
    List<RelationshipUpdate> latestRelationshipUpdates();

    /** #33: top friends and rivals per agent, and churn; {@code RelationshipSummary.EMPTY}. */
    RelationshipSummary latestRelationshipSummary();

    /** #34: the last 60 social events; {@code []}. */
    List<SocialEvent> latestSocialEvents();

    /** #36: the latest tick's narrations; {@code []}. */
    List<NarrationEntry> latestNarrations();

    /** #37: the narration limiter's state; {@code NarrationLimiterState.INITIAL}. */
    NarrationLimiterState latestNarrationState();

    /** #38: stability metrics; {@code {}}. */
    Map<String, Object> latestStabilityMetrics();

    /** #39: stability alerts; {@code []}. */
    List<String> latestStabilityAlerts();

    /** #40: the same value as {@code transportStatus()}; initially SPEC §11.9's initial values. */
    TransportStatus latestTransportStatus();

    /** #41: the latest health; {@code HealthStatus.EMPTY} (status {@code unknown}). */
    HealthStatus latestHealthStatus();

    /** #42: the snapshot migrations applied at the last restore; {@code []}. */
    List<String> latestSnapshotMigrations();
}
