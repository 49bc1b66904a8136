package org.townlet.telemetry.api.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.NarrationLimiterState;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.PriceSpike;
import org.townlet.telemetry.api.event.QueueHistoryEntry;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.MetricValue;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * All telemetry state, versioned, for export and import (SPEC §14): one component per key of that table, serialised
 * under the same snake_case names ({@code state_version, current_tick, runtime_variant, queue_metrics, ...,
 * transport_status, transport_buffer_pending}).
 *
 * <p><b>Null means absent.</b> Every reference component may be {@code null}: by the uniform rule of §14 an absent or
 * {@code null} key resets its model to the empty value of §3.3 at import, so this record keeps {@code null} rather than
 * substituting a default (which could differ from the model's empty value, e.g. configured economy settings). Non-null
 * collections are copied into immutable ones (JSON maps keep insertion order). {@code transport_status} and
 * {@code transport_buffer_pending} describe the live pipeline and are exported for the record, never restored.
 *
 * <p>{@code state_version} is at most {@link #CURRENT_VERSION}; {@code current_tick} and
 * {@code transport_buffer_pending} are {@code >= 0}. Immutable and thread-safe; the empty value is
 * {@link #empty(long)} (every key present with its empty value); assemble one with {@link #builder()} or
 * {@link #toBuilder()}.
 */
public record TelemetryStateSnapshot(
        @JsonProperty("state_version") int stateVersion,
        @JsonProperty("current_tick") long currentTick,
        @JsonProperty("runtime_variant") String runtimeVariant,
        @JsonProperty("queue_metrics") QueueMetrics queueMetrics,
        @JsonProperty("queue_history") List<QueueHistoryEntry> queueHistory,
        @JsonProperty("conflict_snapshot") ConflictSnapshot conflictSnapshot,
        @JsonProperty("rivalry_events") List<RivalryEvent> rivalryEvents,
        @JsonProperty("embedding_metrics") Map<String, Double> embeddingMetrics,
        @JsonProperty("job_snapshot") Map<String, Map<String, Object>> jobSnapshot,
        @JsonProperty("economy_snapshot") Map<String, Object> economySnapshot,
        @JsonProperty("economy_settings") Map<String, Double> economySettings,
        @JsonProperty("price_spikes") Map<String, PriceSpike> priceSpikes,
        @JsonProperty("utilities") Map<String, Boolean> utilities,
        @JsonProperty("employment_metrics") Map<String, Object> employmentMetrics,
        @JsonProperty("relationship_metrics") Map<String, Object> relationshipMetrics,
        @JsonProperty("relationship_snapshot") Map<String, Map<String, RelationshipTie>> relationshipSnapshot,
        @JsonProperty("relationship_updates") List<RelationshipUpdate> relationshipUpdates,
        @JsonProperty("relationship_overlay") Map<String, List<OverlayEntry>> relationshipOverlay,
        @JsonProperty("relationship_summary") RelationshipSummary relationshipSummary,
        @JsonProperty("social_events") List<SocialEvent> socialEvents,
        @JsonProperty("events") List<WorldEvent> events,
        @JsonProperty("affordance_manifest") Map<String, Object> affordanceManifest,
        @JsonProperty("affordance_runtime") AffordanceRuntime affordanceRuntime,
        @JsonProperty("precondition_failures") List<WorldEvent> preconditionFailures,
        @JsonProperty("personalities") Map<String, Map<String, Object>> personalities,
        @JsonProperty("reward_breakdown") Map<String, Map<String, Double>> rewardBreakdown,
        @JsonProperty("narrations") List<NarrationEntry> narrations,
        @JsonProperty("narration_state") NarrationLimiterState narrationState,
        @JsonProperty("kpi_history") Map<String, List<Number>> kpiHistory,
        @JsonProperty("stability_metrics") Map<String, Object> stabilityMetrics,
        @JsonProperty("stability_inputs") StabilityInputs stabilityInputs,
        @JsonProperty("promotion_state") Map<String, Object> promotionState,
        @JsonProperty("perturbations") Perturbations perturbations,
        @JsonProperty("policy_identity") PolicyIdentity policyIdentity,
        @JsonProperty("policy_snapshot") Map<String, Map<String, Object>> policySnapshot,
        @JsonProperty("policy_metadata_event") Map<String, Object> policyMetadataEvent,
        @JsonProperty("policy_anneal_event") Map<String, Object> policyAnnealEvent,
        @JsonProperty("anneal_status") Map<String, Object> annealStatus,
        @JsonProperty("possessed_agents") List<String> possessedAgents,
        @JsonProperty("console_results") List<ConsoleResult> consoleResults,
        @JsonProperty("console_history") List<ConsoleResult> consoleHistory,
        @JsonProperty("console_buffer") List<ConsoleCommand> consoleBuffer,
        @JsonProperty("health") HealthStatus health,
        @JsonProperty("metrics") Map<String, MetricValue> metrics,
        @JsonProperty("snapshot_migrations") List<String> snapshotMigrations,
        @JsonProperty("transport_status") TransportStatus transportStatus,
        @JsonProperty("transport_buffer_pending") long transportBufferPending) {

    /** The state version this release writes and the highest it reads. */
    public static final int CURRENT_VERSION = 1;

    /** The names of the five KPI series (SPEC §6.5), in order. */
    public static final List<String> KPI_SERIES = List.of("queue_conflict_intensity", "employment_lateness",
            "late_help_events", "queue_rotation_events", "queue_ghost_step_events");

    /** The five KPI series, each empty: the KPI history before anything is recorded. */
    public static final Map<String, List<Number>> EMPTY_KPI_HISTORY = emptyKpiHistory();

    /**
     * @throws IllegalArgumentException if {@code stateVersion > CURRENT_VERSION}, or {@code currentTick} or
     *     {@code transportBufferPending} is negative
     */
    public TelemetryStateSnapshot {
        if (stateVersion > CURRENT_VERSION) {
            throw new IllegalArgumentException("unsupported telemetry state_version " + stateVersion
                    + "; supported: " + CURRENT_VERSION);
        }
        if (currentTick < 0) {
            throw new IllegalArgumentException("currentTick must be >= 0, was " + currentTick);
        }
        if (transportBufferPending < 0) {
            throw new IllegalArgumentException("transportBufferPending must be >= 0, was " + transportBufferPending);
        }
        queueHistory = copyList(queueHistory);
        rivalryEvents = copyList(rivalryEvents);
        embeddingMetrics = copyMap(embeddingMetrics);
        jobSnapshot = copyNested(jobSnapshot);
        economySnapshot = copyMap(economySnapshot);
        economySettings = copyMap(economySettings);
        priceSpikes = copyMap(priceSpikes);
        utilities = copyMap(utilities);
        employmentMetrics = copyMap(employmentMetrics);
        relationshipMetrics = copyMap(relationshipMetrics);
        relationshipSnapshot = copyNested(relationshipSnapshot);
        relationshipUpdates = copyList(relationshipUpdates);
        relationshipOverlay = copyListValues(relationshipOverlay);
        socialEvents = copyList(socialEvents);
        events = copyList(events);
        affordanceManifest = copyMap(affordanceManifest);
        preconditionFailures = copyList(preconditionFailures);
        personalities = copyNested(personalities);
        rewardBreakdown = copyNested(rewardBreakdown);
        narrations = copyList(narrations);
        kpiHistory = copyListValues(kpiHistory);
        stabilityMetrics = copyMap(stabilityMetrics);
        promotionState = copyMap(promotionState);
        policySnapshot = copyNested(policySnapshot);
        policyMetadataEvent = copyMap(policyMetadataEvent);
        policyAnnealEvent = copyMap(policyAnnealEvent);
        annealStatus = copyMap(annealStatus);
        possessedAgents = copyList(possessedAgents);
        consoleResults = copyList(consoleResults);
        consoleHistory = copyList(consoleHistory);
        consoleBuffer = copyList(consoleBuffer);
        metrics = copyMap(metrics);
        snapshotMigrations = copyList(snapshotMigrations);
    }

    /**
     * The state of a sink where nothing was recorded, at {@code currentTick}: every key present with its §3.3 empty
     * value ({@code promotion_state} {@code {}}; {@code policy_identity}, {@code policy_metadata_event},
     * {@code policy_anneal_event}, {@code anneal_status} and {@code runtime_variant} {@code null}; the five KPI series
     * empty; {@code transport_status} {@link TransportStatus#STUB}).
     */
    public static TelemetryStateSnapshot empty(long currentTick) {
        return builder()
                .stateVersion(CURRENT_VERSION)
                .currentTick(currentTick)
                .runtimeVariant(null)
                .queueMetrics(QueueMetrics.ZERO)
                .queueHistory(List.of())
                .conflictSnapshot(ConflictSnapshot.EMPTY)
                .rivalryEvents(List.of())
                .embeddingMetrics(Map.of())
                .jobSnapshot(Map.of())
                .economySnapshot(Map.of())
                .economySettings(Map.of())
                .priceSpikes(Map.of())
                .utilities(WorldView.DEFAULT_UTILITIES)
                .employmentMetrics(Map.of())
                .relationshipMetrics(Map.of())
                .relationshipSnapshot(Map.of())
                .relationshipUpdates(List.of())
                .relationshipOverlay(Map.of())
                .relationshipSummary(RelationshipSummary.EMPTY)
                .socialEvents(List.of())
                .events(List.of())
                .affordanceManifest(Map.of())
                .affordanceRuntime(AffordanceRuntime.EMPTY)
                .preconditionFailures(List.of())
                .personalities(Map.of())
                .rewardBreakdown(Map.of())
                .narrations(List.of())
                .narrationState(NarrationLimiterState.INITIAL)
                .kpiHistory(EMPTY_KPI_HISTORY)
                .stabilityMetrics(Map.of())
                .stabilityInputs(StabilityInputs.EMPTY)
                .promotionState(Map.of())
                .perturbations(Perturbations.EMPTY)
                .policyIdentity(null)
                .policySnapshot(Map.of())
                .policyMetadataEvent(null)
                .policyAnnealEvent(null)
                .annealStatus(null)
                .possessedAgents(List.of())
                .consoleResults(List.of())
                .consoleHistory(List.of())
                .consoleBuffer(List.of())
                .health(HealthStatus.EMPTY)
                .metrics(Map.of())
                .snapshotMigrations(List.of())
                .transportStatus(TransportStatus.STUB)
                .transportBufferPending(0)
                .build();
    }

    /** A builder at {@link #CURRENT_VERSION}, tick 0, with every other key absent ({@code null} or 0). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this snapshot's values. */
    public Builder toBuilder() {
        return new Builder()
                .stateVersion(stateVersion)
                .currentTick(currentTick)
                .runtimeVariant(runtimeVariant)
                .queueMetrics(queueMetrics)
                .queueHistory(queueHistory)
                .conflictSnapshot(conflictSnapshot)
                .rivalryEvents(rivalryEvents)
                .embeddingMetrics(embeddingMetrics)
                .jobSnapshot(jobSnapshot)
                .economySnapshot(economySnapshot)
                .economySettings(economySettings)
                .priceSpikes(priceSpikes)
                .utilities(utilities)
                .employmentMetrics(employmentMetrics)
                .relationshipMetrics(relationshipMetrics)
                .relationshipSnapshot(relationshipSnapshot)
                .relationshipUpdates(relationshipUpdates)
                .relationshipOverlay(relationshipOverlay)
                .relationshipSummary(relationshipSummary)
                .socialEvents(socialEvents)
                .events(events)
                .affordanceManifest(affordanceManifest)
                .affordanceRuntime(affordanceRuntime)
                .preconditionFailures(preconditionFailures)
                .personalities(personalities)
                .rewardBreakdown(rewardBreakdown)
                .narrations(narrations)
                .narrationState(narrationState)
                .kpiHistory(kpiHistory)
                .stabilityMetrics(stabilityMetrics)
                .stabilityInputs(stabilityInputs)
                .promotionState(promotionState)
                .perturbations(perturbations)
                .policyIdentity(policyIdentity)
                .policySnapshot(policySnapshot)
                .policyMetadataEvent(policyMetadataEvent)
                .policyAnnealEvent(policyAnnealEvent)
                .annealStatus(annealStatus)
                .possessedAgents(possessedAgents)
                .consoleResults(consoleResults)
                .consoleHistory(consoleHistory)
                .consoleBuffer(consoleBuffer)
                .health(health)
                .metrics(metrics)
                .snapshotMigrations(snapshotMigrations)
                .transportStatus(transportStatus)
                .transportBufferPending(transportBufferPending);
    }

    private static <E> List<E> copyList(List<E> source) {
        return source == null ? null : List.copyOf(source);
    }

    private static <V> Map<String, V> copyMap(Map<String, V> source) {
        return source == null ? null : JsonMaps.copyOf(source);
    }

    private static <V> Map<String, Map<String, V>> copyNested(Map<String, Map<String, V>> source) {
        return source == null ? null : JsonMaps.copyOfNested(source);
    }

    private static <E> Map<String, List<E>> copyListValues(Map<String, List<E>> source) {
        if (source == null) {
            return null;
        }
        LinkedHashMap<String, List<E>> copy = new LinkedHashMap<>();
        source.forEach((key, list) -> copy.put(key, list == null ? List.of() : List.copyOf(list)));
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, List<Number>> emptyKpiHistory() {
        LinkedHashMap<String, List<Number>> series = new LinkedHashMap<>();
        KPI_SERIES.forEach(name -> series.put(name, List.of()));
        return Collections.unmodifiableMap(series);
    }

    /** Mutable, single-threaded builder of {@link TelemetryStateSnapshot}; unset keys stay absent. */
    public static final class Builder {
        private int stateVersion = CURRENT_VERSION;
        private long currentTick;
        private String runtimeVariant;
        private QueueMetrics queueMetrics;
        private List<QueueHistoryEntry> queueHistory;
        private ConflictSnapshot conflictSnapshot;
        private List<RivalryEvent> rivalryEvents;
        private Map<String, Double> embeddingMetrics;
        private Map<String, Map<String, Object>> jobSnapshot;
        private Map<String, Object> economySnapshot;
        private Map<String, Double> economySettings;
        private Map<String, PriceSpike> priceSpikes;
        private Map<String, Boolean> utilities;
        private Map<String, Object> employmentMetrics;
        private Map<String, Object> relationshipMetrics;
        private Map<String, Map<String, RelationshipTie>> relationshipSnapshot;
        private List<RelationshipUpdate> relationshipUpdates;
        private Map<String, List<OverlayEntry>> relationshipOverlay;
        private RelationshipSummary relationshipSummary;
        private List<SocialEvent> socialEvents;
        private List<WorldEvent> events;
        private Map<String, Object> affordanceManifest;
        private AffordanceRuntime affordanceRuntime;
        private List<WorldEvent> preconditionFailures;
        private Map<String, Map<String, Object>> personalities;
        private Map<String, Map<String, Double>> rewardBreakdown;
        private List<NarrationEntry> narrations;
        private NarrationLimiterState narrationState;
        private Map<String, List<Number>> kpiHistory;
        private Map<String, Object> stabilityMetrics;
        private StabilityInputs stabilityInputs;
        private Map<String, Object> promotionState;
        private Perturbations perturbations;
        private PolicyIdentity policyIdentity;
        private Map<String, Map<String, Object>> policySnapshot;
        private Map<String, Object> policyMetadataEvent;
        private Map<String, Object> policyAnnealEvent;
        private Map<String, Object> annealStatus;
        private List<String> possessedAgents;
        private List<ConsoleResult> consoleResults;
        private List<ConsoleResult> consoleHistory;
        private List<ConsoleCommand> consoleBuffer;
        private HealthStatus health;
        private Map<String, MetricValue> metrics;
        private List<String> snapshotMigrations;
        private TransportStatus transportStatus;
        private long transportBufferPending;

        private Builder() {
        }

        public Builder stateVersion(int stateVersion) {
            this.stateVersion = stateVersion;
            return this;
        }

        public Builder currentTick(long currentTick) {
            this.currentTick = currentTick;
            return this;
        }

        public Builder runtimeVariant(String runtimeVariant) {
            this.runtimeVariant = runtimeVariant;
            return this;
        }

        public Builder queueMetrics(QueueMetrics queueMetrics) {
            this.queueMetrics = queueMetrics;
            return this;
        }

        public Builder queueHistory(List<QueueHistoryEntry> queueHistory) {
            this.queueHistory = queueHistory;
            return this;
        }

        public Builder conflictSnapshot(ConflictSnapshot conflictSnapshot) {
            this.conflictSnapshot = conflictSnapshot;
            return this;
        }

        public Builder rivalryEvents(List<RivalryEvent> rivalryEvents) {
            this.rivalryEvents = rivalryEvents;
            return this;
        }

        public Builder embeddingMetrics(Map<String, Double> embeddingMetrics) {
            this.embeddingMetrics = embeddingMetrics;
            return this;
        }

        public Builder jobSnapshot(Map<String, Map<String, Object>> jobSnapshot) {
            this.jobSnapshot = jobSnapshot;
            return this;
        }

        public Builder economySnapshot(Map<String, Object> economySnapshot) {
            this.economySnapshot = economySnapshot;
            return this;
        }

        public Builder economySettings(Map<String, Double> economySettings) {
            this.economySettings = economySettings;
            return this;
        }

        public Builder priceSpikes(Map<String, PriceSpike> priceSpikes) {
            this.priceSpikes = priceSpikes;
            return this;
        }

        public Builder utilities(Map<String, Boolean> utilities) {
            this.utilities = utilities;
            return this;
        }

        public Builder employmentMetrics(Map<String, Object> employmentMetrics) {
            this.employmentMetrics = employmentMetrics;
            return this;
        }

        public Builder relationshipMetrics(Map<String, Object> relationshipMetrics) {
            this.relationshipMetrics = relationshipMetrics;
            return this;
        }

        public Builder relationshipSnapshot(Map<String, Map<String, RelationshipTie>> relationshipSnapshot) {
            this.relationshipSnapshot = relationshipSnapshot;
            return this;
        }

        public Builder relationshipUpdates(List<RelationshipUpdate> relationshipUpdates) {
            this.relationshipUpdates = relationshipUpdates;
            return this;
        }

        public Builder relationshipOverlay(Map<String, List<OverlayEntry>> relationshipOverlay) {
            this.relationshipOverlay = relationshipOverlay;
            return this;
        }

        public Builder relationshipSummary(RelationshipSummary relationshipSummary) {
            this.relationshipSummary = relationshipSummary;
            return this;
        }

        public Builder socialEvents(List<SocialEvent> socialEvents) {
            this.socialEvents = socialEvents;
            return this;
        }

        public Builder events(List<WorldEvent> events) {
            this.events = events;
            return this;
        }

        public Builder affordanceManifest(Map<String, Object> affordanceManifest) {
            this.affordanceManifest = affordanceManifest;
            return this;
        }

        public Builder affordanceRuntime(AffordanceRuntime affordanceRuntime) {
            this.affordanceRuntime = affordanceRuntime;
            return this;
        }

        public Builder preconditionFailures(List<WorldEvent> preconditionFailures) {
            this.preconditionFailures = preconditionFailures;
            return this;
        }

        public Builder personalities(Map<String, Map<String, Object>> personalities) {
            this.personalities = personalities;
            return this;
        }

        public Builder rewardBreakdown(Map<String, Map<String, Double>> rewardBreakdown) {
            this.rewardBreakdown = rewardBreakdown;
            return this;
        }

        public Builder narrations(List<NarrationEntry> narrations) {
            this.narrations = narrations;
            return this;
        }

        public Builder narrationState(NarrationLimiterState narrationState) {
            this.narrationState = narrationState;
            return this;
        }

        public Builder kpiHistory(Map<String, List<Number>> kpiHistory) {
            this.kpiHistory = kpiHistory;
            return this;
        }

        public Builder stabilityMetrics(Map<String, Object> stabilityMetrics) {
            this.stabilityMetrics = stabilityMetrics;
            return this;
        }

        public Builder stabilityInputs(StabilityInputs stabilityInputs) {
            this.stabilityInputs = stabilityInputs;
            return this;
        }

        public Builder promotionState(Map<String, Object> promotionState) {
            this.promotionState = promotionState;
            return this;
        }

        public Builder perturbations(Perturbations perturbations) {
            this.perturbations = perturbations;
            return this;
        }

        public Builder policyIdentity(PolicyIdentity policyIdentity) {
            this.policyIdentity = policyIdentity;
            return this;
        }

        public Builder policySnapshot(Map<String, Map<String, Object>> policySnapshot) {
            this.policySnapshot = policySnapshot;
            return this;
        }

        public Builder policyMetadataEvent(Map<String, Object> policyMetadataEvent) {
            this.policyMetadataEvent = policyMetadataEvent;
            return this;
        }

        public Builder policyAnnealEvent(Map<String, Object> policyAnnealEvent) {
            this.policyAnnealEvent = policyAnnealEvent;
            return this;
        }

        public Builder annealStatus(Map<String, Object> annealStatus) {
            this.annealStatus = annealStatus;
            return this;
        }

        public Builder possessedAgents(List<String> possessedAgents) {
            this.possessedAgents = possessedAgents;
            return this;
        }

        public Builder consoleResults(List<ConsoleResult> consoleResults) {
            this.consoleResults = consoleResults;
            return this;
        }

        public Builder consoleHistory(List<ConsoleResult> consoleHistory) {
            this.consoleHistory = consoleHistory;
            return this;
        }

        public Builder consoleBuffer(List<ConsoleCommand> consoleBuffer) {
            this.consoleBuffer = consoleBuffer;
            return this;
        }

        public Builder health(HealthStatus health) {
            this.health = health;
            return this;
        }

        public Builder metrics(Map<String, MetricValue> metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder snapshotMigrations(List<String> snapshotMigrations) {
            this.snapshotMigrations = snapshotMigrations;
            return this;
        }

        public Builder transportStatus(TransportStatus transportStatus) {
            this.transportStatus = transportStatus;
            return this;
        }

        public Builder transportBufferPending(long transportBufferPending) {
            this.transportBufferPending = transportBufferPending;
            return this;
        }

        public TelemetryStateSnapshot build() {
            return new TelemetryStateSnapshot(
                    stateVersion, currentTick, runtimeVariant, queueMetrics, queueHistory, conflictSnapshot,
                    rivalryEvents, embeddingMetrics, jobSnapshot, economySnapshot, economySettings, priceSpikes,
                    utilities, employmentMetrics, relationshipMetrics, relationshipSnapshot, relationshipUpdates,
                    relationshipOverlay, relationshipSummary, socialEvents, events, affordanceManifest,
                    affordanceRuntime, preconditionFailures, personalities, rewardBreakdown, narrations, narrationState,
                    kpiHistory, stabilityMetrics, stabilityInputs, promotionState, perturbations, policyIdentity,
                    policySnapshot, policyMetadataEvent, policyAnnealEvent, annealStatus, possessedAgents,
                    consoleResults, consoleHistory, consoleBuffer, health, metrics, snapshotMigrations, transportStatus,
                    transportBufferPending);
        }
    }
}
