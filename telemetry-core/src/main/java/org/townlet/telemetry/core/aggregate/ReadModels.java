package org.townlet.telemetry.core.aggregate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.ConflictSnapshot;
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
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.MetricValue;

/**
 * The latest value of every read model, as one immutable value (SPEC §2, §6).
 *
 * <p>The {@link ReadModelStore} publishes a new instance through a volatile reference once per ingested event (a whole
 * {@code loop.tick} at once), so a reader on any thread sees the models of one moment, never half a tick, and a
 * {@code TickRecord} keeps the models of its tick by holding one reference. Instances are never modified: a change is a new instance sharing every unchanged value (reference
 * copies only, no deep copies). Every component holds an immutable value; only {@code runtimeVariant},
 * {@code policyIdentity}, {@code policyMetadataEvent}, {@code policyAnnealEvent} and {@code annealStatusOverride} may be
 * {@code null}. The compact constructor trusts its caller (the store), which passes values already immutable.
 *
 * <p>Components, in order:
 * <ul>
 *   <li>{@code currentTick}: #3: the tick of the latest {@code loop.tick}</li>
 *   <li>{@code runtimeVariant}: #2: the runtime variant; {@code null} when unset</li>
 *   <li>{@code queueMetrics}: #15: cumulative queue counters</li>
 *   <li>{@code queueHistory}: queue-fairness history, at most {@value #QUEUE_HISTORY_CAP} entries</li>
 *   <li>{@code rivalryHistory}: rivalry events, at most {@value #RIVALRY_HISTORY_CAP} entries</li>
 *   <li>{@code conflict}: #24: queues, rivalry and their last 20 entries</li>
 *   <li>{@code embeddingMetrics}: #16</li>
 *   <li>{@code jobs}: #17: agent → job entry</li>
 *   <li>{@code economy}: #19</li>
 *   <li>{@code economySettings}: #20 (the store starts it from the configured settings)</li>
 *   <li>{@code priceSpikes}: #21</li>
 *   <li>{@code utilities}: #22</li>
 *   <li>{@code employment}: #23</li>
 *   <li>{@code relationshipMetrics}: #30: churn metrics</li>
 *   <li>{@code relationshipSnapshot}: #31: owner → other → tie</li>
 *   <li>{@code relationshipUpdates}: #32</li>
 *   <li>{@code relationshipOverlay}: owner → top 3 ties by trust</li>
 *   <li>{@code relationshipSummary}: #33</li>
 *   <li>{@code socialEvents}: #34: at most {@value #SOCIAL_EVENTS_CAP} social events</li>
 *   <li>{@code tickEvents}: the latest tick's world events only (the stream's {@code events} section)</li>
 *   <li>{@code events}: #18: the tick's world events, then out-of-band entries, at most {@value #EVENTS_CAP}</li>
 *   <li>{@code preconditionFailures}: the latest tick's {@code affordance_precondition_fail} events</li>
 *   <li>{@code affordanceManifest}: #26</li>
 *   <li>{@code affordanceRuntime}: #27</li>
 *   <li>{@code rewardBreakdown}: #28</li>
 *   <li>{@code personalities}: #29</li>
 *   <li>{@code narrations}: #36: the latest tick's narrations</li>
 *   <li>{@code narrationState}: #37</li>
 *   <li>{@code kpiHistory}: the five KPI series (SPEC §6.5)</li>
 *   <li>{@code stabilityMetrics}: #38</li>
 *   <li>{@code stabilityAlerts}: #39</li>
 *   <li>{@code stabilityInputs}: the stability inputs of the latest tick</li>
 *   <li>{@code promotionState}: the promotion state</li>
 *   <li>{@code perturbations}: the perturbation scheduler's state</li>
 *   <li>{@code policyIdentity}: #8; {@code null} when unset</li>
 *   <li>{@code policySnapshot}: #9</li>
 *   <li>{@code policyMetadataEvent}: the last {@code policy.metadata} event; {@code null} until one arrives</li>
 *   <li>{@code policyAnnealEvent}: the last {@code policy.anneal.update} event; {@code null} until one arrives</li>
 *   <li>{@code annealContext}: the latest tick's anneal context</li>
 *   <li>{@code annealStatusOverride}: the anneal status set explicitly; {@code null} when not set</li>
 *   <li>{@code possessedAgents}: sorted unique ids of possessed agents</li>
 *   <li>{@code observationEnvelope}: the latest observation envelope</li>
 *   <li>{@code policyMetadata}: the latest tick's policy metadata (the {@code loop.tick} payload's)</li>
 *   <li>{@code health}: #41, its {@code metrics} always the current registry</li>
 *   <li>{@code metrics}: the metrics registry, sorted by name</li>
 *   <li>{@code snapshotMigrations}: #42</li>
 *   <li>{@code derivation}: the latest tick's {@link DerivedModels}; its accessors ({@code queueHistory},
 *       {@code rivalryHistory}, {@code conflict}, {@code relationshipSnapshot}, {@code relationshipUpdates},
 *       {@code relationshipOverlay}, {@code relationshipSummary}, {@code socialEvents}, {@code preconditionFailures},
 *       {@code affordanceRuntime}, {@code narrations}, {@code narrationState}, {@code kpiHistory}) compute it when it
 *       is still pending, so the simulation thread never pays for them (SPEC §2)</li>
 * </ul>
 */
public record ReadModels(
        long currentTick,
        String runtimeVariant,
        QueueMetrics queueMetrics,
        Map<String, Double> embeddingMetrics,
        Map<String, Map<String, Object>> jobs,
        Map<String, Object> economy,
        Map<String, Double> economySettings,
        Map<String, PriceSpike> priceSpikes,
        Map<String, Boolean> utilities,
        Map<String, Object> employment,
        Map<String, Object> relationshipMetrics,
        List<WorldEvent> tickEvents,
        List<WorldEvent> events,
        Map<String, Object> affordanceManifest,
        Map<String, Map<String, Double>> rewardBreakdown,
        Map<String, Map<String, Object>> personalities,
        Map<String, Object> stabilityMetrics,
        List<String> stabilityAlerts,
        StabilityInputs stabilityInputs,
        Map<String, Object> promotionState,
        Perturbations perturbations,
        PolicyIdentity policyIdentity,
        Map<String, Map<String, Object>> policySnapshot,
        TelemetryEvent policyMetadataEvent,
        TelemetryEvent policyAnnealEvent,
        Map<String, Object> annealContext,
        Map<String, Object> annealStatusOverride,
        List<String> possessedAgents,
        Map<String, Object> observationEnvelope,
        Map<String, Object> policyMetadata,
        HealthStatus health,
        Map<String, MetricValue> metrics,
        List<String> snapshotMigrations,
        Derivation derivation) {

    /** Cap of {@link #queueHistory()} (SPEC §6.1 step 3). */
    public static final int QUEUE_HISTORY_CAP = 120;
    /** Cap of {@link #rivalryHistory()} (SPEC §6.1 step 4). */
    public static final int RIVALRY_HISTORY_CAP = 120;
    /** Cap of {@link #socialEvents()} (SPEC §6.1 step 7). */
    public static final int SOCIAL_EVENTS_CAP = 60;
    /** Cap of {@link #events()} (SPEC §3.3 #18). */
    public static final int EVENTS_CAP = 128;
    /** How many entries of each conflict history the conflict snapshot shows (SPEC §6.1 step 5). */
    public static final int CONFLICT_HISTORY_SHOWN = 20;
    /** How many entries {@code latestQueueHistory()} and {@code latestRivalryEvents()} return (SPEC §3.3, §3.4). */
    public static final int READ_HISTORY_SHOWN = 50;

    /** The five KPI series (SPEC §6.5), each empty. */
    public static final Map<String, List<Number>> EMPTY_KPI_HISTORY = TelemetryStateSnapshot.EMPTY_KPI_HISTORY;

    /** Every model at its empty value of SPEC Table 3.3 (economy settings {@code {}}). */
    public static final ReadModels EMPTY = new Builder().build();

    /** The effective anneal status (SPEC §3.3 #10): set explicitly, else the latest tick's anneal context. */
    public Optional<Map<String, Object>> annealStatus() {
        if (annealStatusOverride != null) {
            return Optional.of(annealStatusOverride);
        }
        return annealContext.isEmpty() ? Optional.empty() : Optional.of(annealContext);
    }

    // ------------------------------------------------------------------ derived models (computed on first read)

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public List<QueueHistoryEntry> queueHistory() {
        return derivation.get().queueHistory();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public List<RivalryEvent> rivalryHistory() {
        return derivation.get().rivalryHistory();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public ConflictSnapshot conflict() {
        return derivation.get().conflict();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public Map<String, Map<String, RelationshipTie>> relationshipSnapshot() {
        return derivation.get().relationshipSnapshot();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public List<RelationshipUpdate> relationshipUpdates() {
        return derivation.get().relationshipUpdates();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public Map<String, List<OverlayEntry>> relationshipOverlay() {
        return derivation.get().relationshipOverlay();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public RelationshipSummary relationshipSummary() {
        return derivation.get().relationshipSummary();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public List<SocialEvent> socialEvents() {
        return derivation.get().socialEvents();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public List<WorldEvent> preconditionFailures() {
        return derivation.get().preconditionFailures();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public AffordanceRuntime affordanceRuntime() {
        return derivation.get().affordanceRuntime();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public List<NarrationEntry> narrations() {
        return derivation.get().narrations();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public NarrationLimiterState narrationState() {
        return derivation.get().narrationState();
    }

    /** See the class comment; derived (may compute this tick's {@link #derivation()} now). */
    public Map<String, List<Number>> kpiHistory() {
        return derivation.get().kpiHistory();
    }

    /** The last {@code n} elements of {@code list} (all of them when it is shorter). */
    public static <E> List<E> lastOf(List<E> list, int n) {
        return list.size() <= n ? list : list.subList(list.size() - n, list.size());
    }

    /** A builder holding this value's components. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder at {@link #EMPTY}'s values. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable, single-threaded builder of {@link ReadModels}; the store's ingestion fills one per step. */
    public static final class Builder {
        private long currentTick = 0L;
        private String runtimeVariant = null;
        private QueueMetrics queueMetrics = QueueMetrics.ZERO;
        private Map<String, Double> embeddingMetrics = Map.of();
        private Map<String, Map<String, Object>> jobs = Map.of();
        private Map<String, Object> economy = Map.of();
        private Map<String, Double> economySettings = Map.of();
        private Map<String, PriceSpike> priceSpikes = Map.of();
        private Map<String, Boolean> utilities = WorldView.DEFAULT_UTILITIES;
        private Map<String, Object> employment = Map.of();
        private Map<String, Object> relationshipMetrics = Map.of();
        private List<WorldEvent> tickEvents = List.of();
        private List<WorldEvent> events = List.of();
        private Map<String, Object> affordanceManifest = Map.of();
        private Map<String, Map<String, Double>> rewardBreakdown = Map.of();
        private Map<String, Map<String, Object>> personalities = Map.of();
        private Map<String, Object> stabilityMetrics = Map.of();
        private List<String> stabilityAlerts = List.of();
        private StabilityInputs stabilityInputs = StabilityInputs.EMPTY;
        private Map<String, Object> promotionState = Map.of();
        private Perturbations perturbations = Perturbations.EMPTY;
        private PolicyIdentity policyIdentity = null;
        private Map<String, Map<String, Object>> policySnapshot = Map.of();
        private TelemetryEvent policyMetadataEvent = null;
        private TelemetryEvent policyAnnealEvent = null;
        private Map<String, Object> annealContext = Map.of();
        private Map<String, Object> annealStatusOverride = null;
        private List<String> possessedAgents = List.of();
        private Map<String, Object> observationEnvelope = Map.of();
        private Map<String, Object> policyMetadata = Map.of();
        private HealthStatus health = HealthStatus.EMPTY;
        private Map<String, MetricValue> metrics = Map.of();
        private List<String> snapshotMigrations = List.of();
        private Derivation derivation = Derivation.EMPTY;
        /** Set once a derived model is set on this builder: the derivation's values, computed, with those edits. */
        private DerivedModels.Builder derivedEdits;

        private Builder() {
        }

        private Builder(ReadModels models) {
            this.currentTick = models.currentTick;
            this.runtimeVariant = models.runtimeVariant;
            this.queueMetrics = models.queueMetrics;
            this.embeddingMetrics = models.embeddingMetrics;
            this.jobs = models.jobs;
            this.economy = models.economy;
            this.economySettings = models.economySettings;
            this.priceSpikes = models.priceSpikes;
            this.utilities = models.utilities;
            this.employment = models.employment;
            this.relationshipMetrics = models.relationshipMetrics;
            this.tickEvents = models.tickEvents;
            this.events = models.events;
            this.affordanceManifest = models.affordanceManifest;
            this.rewardBreakdown = models.rewardBreakdown;
            this.personalities = models.personalities;
            this.stabilityMetrics = models.stabilityMetrics;
            this.stabilityAlerts = models.stabilityAlerts;
            this.stabilityInputs = models.stabilityInputs;
            this.promotionState = models.promotionState;
            this.perturbations = models.perturbations;
            this.policyIdentity = models.policyIdentity;
            this.policySnapshot = models.policySnapshot;
            this.policyMetadataEvent = models.policyMetadataEvent;
            this.policyAnnealEvent = models.policyAnnealEvent;
            this.annealContext = models.annealContext;
            this.annealStatusOverride = models.annealStatusOverride;
            this.possessedAgents = models.possessedAgents;
            this.observationEnvelope = models.observationEnvelope;
            this.policyMetadata = models.policyMetadata;
            this.health = models.health;
            this.metrics = models.metrics;
            this.snapshotMigrations = models.snapshotMigrations;
            this.derivation = models.derivation;
        }

        /** The derived models to edit: setting one computes a pending derivation first (never on the hot path). */
        private DerivedModels.Builder edits() {
            if (derivedEdits == null) {
                derivedEdits = derivation.get().toBuilder();
            }
            return derivedEdits;
        }

        /** The tick's derived models, replacing any set before (the store's {@code loop.tick} ingestion). */
        Builder derivation(Derivation derivation) {
            this.derivation = java.util.Objects.requireNonNull(derivation, "derivation");
            this.derivedEdits = null;
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
            edits().queueHistory(queueHistory);
            return this;
        }

        public Builder rivalryHistory(List<RivalryEvent> rivalryHistory) {
            edits().rivalryHistory(rivalryHistory);
            return this;
        }

        public Builder conflict(ConflictSnapshot conflict) {
            edits().conflict(conflict);
            return this;
        }

        public Builder embeddingMetrics(Map<String, Double> embeddingMetrics) {
            this.embeddingMetrics = embeddingMetrics;
            return this;
        }

        public Builder jobs(Map<String, Map<String, Object>> jobs) {
            this.jobs = jobs;
            return this;
        }

        public Builder economy(Map<String, Object> economy) {
            this.economy = economy;
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

        public Builder employment(Map<String, Object> employment) {
            this.employment = employment;
            return this;
        }

        public Builder relationshipMetrics(Map<String, Object> relationshipMetrics) {
            this.relationshipMetrics = relationshipMetrics;
            return this;
        }

        public Builder relationshipSnapshot(Map<String, Map<String, RelationshipTie>> relationshipSnapshot) {
            edits().relationshipSnapshot(relationshipSnapshot);
            return this;
        }

        public Builder relationshipUpdates(List<RelationshipUpdate> relationshipUpdates) {
            edits().relationshipUpdates(relationshipUpdates);
            return this;
        }

        public Builder relationshipOverlay(Map<String, List<OverlayEntry>> relationshipOverlay) {
            edits().relationshipOverlay(relationshipOverlay);
            return this;
        }

        public Builder relationshipSummary(RelationshipSummary relationshipSummary) {
            edits().relationshipSummary(relationshipSummary);
            return this;
        }

        public Builder socialEvents(List<SocialEvent> socialEvents) {
            edits().socialEvents(socialEvents);
            return this;
        }

        public Builder tickEvents(List<WorldEvent> tickEvents) {
            this.tickEvents = tickEvents;
            return this;
        }

        public Builder events(List<WorldEvent> events) {
            this.events = events;
            return this;
        }

        public Builder preconditionFailures(List<WorldEvent> preconditionFailures) {
            edits().preconditionFailures(preconditionFailures);
            return this;
        }

        public Builder affordanceManifest(Map<String, Object> affordanceManifest) {
            this.affordanceManifest = affordanceManifest;
            return this;
        }

        public Builder affordanceRuntime(AffordanceRuntime affordanceRuntime) {
            edits().affordanceRuntime(affordanceRuntime);
            return this;
        }

        public Builder rewardBreakdown(Map<String, Map<String, Double>> rewardBreakdown) {
            this.rewardBreakdown = rewardBreakdown;
            return this;
        }

        public Builder personalities(Map<String, Map<String, Object>> personalities) {
            this.personalities = personalities;
            return this;
        }

        public Builder narrations(List<NarrationEntry> narrations) {
            edits().narrations(narrations);
            return this;
        }

        public Builder narrationState(NarrationLimiterState narrationState) {
            edits().narrationState(narrationState);
            return this;
        }

        public Builder kpiHistory(Map<String, List<Number>> kpiHistory) {
            edits().kpiHistory(kpiHistory);
            return this;
        }

        public Builder stabilityMetrics(Map<String, Object> stabilityMetrics) {
            this.stabilityMetrics = stabilityMetrics;
            return this;
        }

        public Builder stabilityAlerts(List<String> stabilityAlerts) {
            this.stabilityAlerts = stabilityAlerts;
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

        public Builder policyMetadataEvent(TelemetryEvent policyMetadataEvent) {
            this.policyMetadataEvent = policyMetadataEvent;
            return this;
        }

        public Builder policyAnnealEvent(TelemetryEvent policyAnnealEvent) {
            this.policyAnnealEvent = policyAnnealEvent;
            return this;
        }

        public Builder annealContext(Map<String, Object> annealContext) {
            this.annealContext = annealContext;
            return this;
        }

        public Builder annealStatusOverride(Map<String, Object> annealStatusOverride) {
            this.annealStatusOverride = annealStatusOverride;
            return this;
        }

        public Builder possessedAgents(List<String> possessedAgents) {
            this.possessedAgents = possessedAgents;
            return this;
        }

        public Builder observationEnvelope(Map<String, Object> observationEnvelope) {
            this.observationEnvelope = observationEnvelope;
            return this;
        }

        public Builder policyMetadata(Map<String, Object> policyMetadata) {
            this.policyMetadata = policyMetadata;
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

        public ReadModels build() {
            return new ReadModels(
                    currentTick,
                    runtimeVariant,
                    queueMetrics,
                    embeddingMetrics,
                    jobs,
                    economy,
                    economySettings,
                    priceSpikes,
                    utilities,
                    employment,
                    relationshipMetrics,
                    tickEvents,
                    events,
                    affordanceManifest,
                    rewardBreakdown,
                    personalities,
                    stabilityMetrics,
                    stabilityAlerts,
                    stabilityInputs,
                    promotionState,
                    perturbations,
                    policyIdentity,
                    policySnapshot,
                    policyMetadataEvent,
                    policyAnnealEvent,
                    annealContext,
                    annealStatusOverride,
                    possessedAgents,
                    observationEnvelope,
                    policyMetadata,
                    health,
                    metrics,
                    snapshotMigrations,
                    derivedEdits == null ? derivation : Derivation.computed(derivedEdits.build()));
        }
    }
}
