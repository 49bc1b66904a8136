package org.townlet.telemetry.core.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.townlet.telemetry.api.event.AffordanceEventCounts;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.LoopFailure;
import org.townlet.telemetry.api.event.LoopHealth;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.PolicyMetadata;
import org.townlet.telemetry.api.event.PolicyPossession;
import org.townlet.telemetry.api.event.QueueHistoryEntry;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.sink.EventSubscriber;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.HealthSummary;
import org.townlet.telemetry.api.status.MetricValue;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.core.narration.NarrationEngine;

/**
 * The read-model store: the latest value of every read model (SPEC §6), held as one immutable {@link ReadModels}
 * behind a volatile reference.
 *
 * <p>Threads: writes come from the simulation thread (and, rarely, from a console or snapshot-restore caller); they
 * are serialised by this object's monitor, build the next value from the current one by reference swaps (no deep
 * copies, no JSON) and publish it with one volatile write at the end of the ingestion, so a reader on any thread sees
 * either the models before or after an event, never half of a tick. Reads never lock.
 *
 * <p>Errors: each ingestion step runs on its own; a step that throws is reported to the {@link IngestErrorHandler}
 * and the remaining steps still run (SPEC §3.2).
 *
 * <p>Narration: the store owns the sink's {@link NarrationEngine}. Manual narrations ({@link #emitManualNarration})
 * are decided at once and queued; the queue is drained into the tick's narrations at the start of {@code loop.tick}
 * ingestion and again by {@link #completeTick()} (SPEC §7.2).
 */
public final class ReadModelStore {
    /** The name of the world event recorded for a loop failure (SPEC §3.3 #18). */
    public static final String LOOP_FAILURE_EVENT = "loop_failure";
    /** The world event name counted as a precondition failure (SPEC §6.1 step 8). */
    public static final String PRECONDITION_FAIL_EVENT = "affordance_precondition_fail";

    private final Map<String, Double> configuredEconomySettings;
    private final NarrationEngine narration;
    private final IngestErrorHandler errors;
    private final ReadModels initial;
    /**
     * Pending derivations above this many are computed on the ingesting thread: nobody has read the models for that
     * many ticks (a stalled worker), and their inputs would otherwise pile up in memory.
     */
    static final int MAX_PENDING_DERIVATIONS = 1_024;

    /** A computed overlay and the ties it was computed from; replaced whole, so racing readers only lose reuse. */
    private record OverlayBasis(Map<String, Map<String, RelationshipTie>> ties,
            Map<String, List<OverlayEntry>> overlay) {
        static final OverlayBasis NONE = new OverlayBasis(Map.of(), Map.of());
    }

    /** A computed rivalry map and the ties object it was computed from. */
    private record RivalryBasis(Map<String, Map<String, RelationshipTie>> ties, Map<String, Map<String, Double>> rivalry) {
        static final RivalryBasis NONE = new RivalryBasis(null, Map.of());
    }

    /** What deferred overlays and conflicts reuse (see {@link Deferred}); any thread that computes one. */
    private volatile OverlayBasis lastOverlay = OverlayBasis.NONE;
    private volatile RivalryBasis lastRivalry = RivalryBasis.NONE;

    private final List<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final boolean eagerDerivation;
    /** Guards the narration engine and every derivation's computation; taken after this store's monitor. */
    private final Object derivationLock = new Object();
    private final Derivation.Deriver deriver = new Derivation.Deriver() {
        @Override
        public Object lock() {
            return derivationLock;
        }

        @Override
        public DerivedModels derive(TickInputs inputs, DerivedModels previous) {
            return ReadModelStore.this.derive(inputs, previous);
        }
    };
    /** The metrics registry behind {@code current.metrics()}; guarded by this store's monitor. */
    private MetricRegistry metricRegistry = MetricRegistry.EMPTY;
    /** A manual narration was queued and no tick completion has drained it yet. */
    private volatile boolean manualQueued;
    /** What readers see, less any metric recorded since (see {@link #current()}); written under the monitor. */
    private volatile ReadModels published;
    /** Metrics were recorded since {@code published} was built; written under the monitor. */
    private volatile boolean metricsPending;

    /**
     * A store whose economy settings start from {@code configuredEconomySettings} (SPEC §3.3 #20), with narration at
     * its default settings, and which reports failed ingestion steps to {@code errors}.
     */
    public ReadModelStore(Map<String, Double> configuredEconomySettings, IngestErrorHandler errors) {
        this(configuredEconomySettings, NarrationEngine.withDefaults(), errors);
    }

    /**
     * A store whose economy settings start from {@code configuredEconomySettings} (SPEC §3.3 #20), narrating through
     * {@code narration}, and which reports failed ingestion steps to {@code errors}.
     */
    public ReadModelStore(Map<String, Double> configuredEconomySettings, NarrationEngine narration,
            IngestErrorHandler errors) {
        this(configuredEconomySettings, narration, errors, false);
    }

    /**
     * As {@link #ReadModelStore(Map, NarrationEngine, IngestErrorHandler)}; with {@code eagerDerivation} each tick's
     * derived models are computed during its {@code loop.tick} ingestion, on the ingesting thread, so an error in
     * them reaches {@code errors} there ({@code fail_on_ingest_error}). Otherwise they are computed by the first
     * reader (normally the publisher's deriver thread) and errors reach {@code errors} on that thread.
     */
    public ReadModelStore(Map<String, Double> configuredEconomySettings, NarrationEngine narration,
            IngestErrorHandler errors, boolean eagerDerivation) {
        this.eagerDerivation = eagerDerivation;
        this.configuredEconomySettings = JsonMaps.copyOf(configuredEconomySettings);
        this.narration = Objects.requireNonNull(narration, "narration");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.initial = ReadModels.builder().economySettings(this.configuredEconomySettings).build();
        this.published = initial;
    }

    /** The models as they stand: one immutable value. Any thread; never blocks. */
    public ReadModels current() {
        return metricsPending ? foldedUnderLock() : published;
    }

    /**
     * The models last published, without the metrics recorded since: enough for what only needs the tick's
     * derivations (the deriver thread working ahead), and never takes the monitor.
     */
    public ReadModels published() {
        return published;
    }

    private synchronized ReadModels foldedUnderLock() {
        return models();
    }

    /**
     * Monitor held: the models with the metrics recorded since the last publication folded in. A metric only
     * updates the registry (four per tick from the health monitor; SPEC §20 P1); the next ingestion or read
     * publishes it, so every reader still sees every metric recorded before its read.
     */
    private ReadModels models() {
        if (metricsPending) {
            published = nextModels().build();
        }
        return published;
    }

    /**
     * Monitor held: a builder of the next models, with the metrics recorded since the last publication folded in;
     * the caller publishes what it builds. One copy per ingestion, metrics or not.
     */
    private ReadModels.Builder nextModels() {
        ReadModels models = published;
        ReadModels.Builder next = models.toBuilder();
        if (metricsPending) {
            Map<String, MetricValue> registry = metricRegistry.view();
            next.metrics(registry).health(models.health().withMetrics(registry));
            metricsPending = false;
        }
        return next;
    }

    /** The models before anything was recorded (economy settings from the configuration). */
    public ReadModels initial() {
        return initial;
    }

    /** #5: adds {@code subscriber}; the same instance twice is a no-op. */
    public void registerSubscriber(EventSubscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (subscribers) {
            for (EventSubscriber existing : subscribers) {
                if (existing == subscriber) {
                    return;
                }
            }
            subscribers.add(subscriber);
        }
    }

    /** #2: sets the runtime variant; {@code null} clears it. */
    public synchronized void setRuntimeVariant(String variantOrNull) {
        published = nextModels().runtimeVariant(variantOrNull).build();
    }

    // ------------------------------------------------------------------ loop.tick

    /**
     * Ingests {@code loop.tick} (SPEC §6.1), publishing the new models once at the end; then hands the tick's world
     * events to the subscribers (outside the store's lock, so a subscriber may read the sink).
     */
    public void ingestLoopTick(long tick, LoopTick payload) {
        Objects.requireNonNull(payload, "payload");
        ingestLoopTickModels(tick, payload);
        notifySubscribers(tick, payload.events());
    }

    /**
     * SPEC §6.1 step 9: hands a tick's world events to the subscribers, on the calling thread and outside the store's
     * lock, after its models were ingested (or queued for ingestion by the first reader), so a subscriber that reads
     * the sink sees this tick. A subscriber that throws is reported to the error handler; the others still run.
     */
    public void notifySubscribers(long tick, List<WorldEvent> events) {
        for (EventSubscriber subscriber : subscribers) {
            try {
                subscriber.onEvents(tick, events);
            } catch (RuntimeException e) {
                errors.onError("loop.tick/subscriber " + subscriber.getClass().getName(), e);
            }
        }
    }

    /** {@code loop.tick} without the subscribers (SPEC §6.1 steps 1–8); publishes the new models once. */
    public synchronized void ingestLoopTickModels(long tick, LoopTick payload) {
        Objects.requireNonNull(payload, "payload");
        ReadModels previous = published;
        ReadModels.Builder next = nextModels();
        WorldView world = payload.world();

        // Reference swaps only (SPEC §2). What SPEC §6.1 derives from the previous tick (histories, conflict,
        // relationship updates, overlay and summary, affordance runtime, narrations, KPI history) is captured as a
        // pending derivation and computed by its first reader, normally the publisher's deriver thread.
        next.currentTick(tick);
        if (payload.runtimeVariant() != null) {
            next.runtimeVariant(payload.runtimeVariant());
        }
        next.observationEnvelope(payload.observationEnvelope());
        next.policyMetadata(payload.policyMetadata());
        Map<String, Object> churn = world.relationshipMetrics().isEmpty() ? previous.relationshipMetrics()
                : world.relationshipMetrics();
        next.queueMetrics(world.queueMetrics());
        next.relationshipMetrics(churn);
        next.embeddingMetrics(world.embeddingMetrics());
        next.tickEvents(payload.events());
        next.events(ReadModels.lastOf(payload.events(), ReadModels.EVENTS_CAP));
        next.personalities(world.personalities());
        next.policySnapshot(payload.policySnapshot());
        if (!payload.possessedAgents().isEmpty()) {
            next.possessedAgents(payload.possessedAgents());
        }
        next.jobs(world.jobs());
        next.economy(world.economy());
        next.economySettings(world.economySettings());
        next.priceSpikes(world.priceSpikes());
        next.utilities(world.utilities());
        next.employment(world.employment());
        next.affordanceManifest(world.affordanceManifest());
        next.rewardBreakdown(payload.rewardBreakdown());
        next.stabilityInputs(payload.stabilityInputs());
        next.perturbations(payload.perturbations());
        if (payload.policyIdentity() != null) {
            next.policyIdentity(payload.policyIdentity());
        }
        next.annealContext(payload.annealContext());

        TickInputs inputs = new TickInputs(tick, payload, previous.queueMetrics(), previous.relationshipMetrics(), churn);
        Derivation derivation = Derivation.pending(deriver, inputs, previous.derivation());
        next.derivation(derivation);
        published = next.build();
        if (eagerDerivation) {
            // Ingestion errors must surface on this thread (fail_on_ingest_error).
            derivation.get();
        } else if (derivation.pendingDepth() > MAX_PENDING_DERIVATIONS) {
            // Nobody has read for a long while (a stalled worker), so the pending inputs would pile up: catch up
            // here, two ticks per tick, which bounds them without one long stall of the simulation.
            derivation.computeOldest(2);
        }
    }

    /** SPEC §6.1 steps 2–9 and the KPI history for one tick, after {@code previous}. Derivation lock held. */
    private DerivedModels derive(TickInputs inputs, DerivedModels previous) {
        try {
            return deriveSteps(inputs, previous);
        } catch (RuntimeException e) {
            // Each step is guarded; this only catches a failure outside them. Keep the previous values.
            errors.onError("loop.tick/derive", e);
            return previous;
        }
    }

    private DerivedModels deriveSteps(TickInputs inputs, DerivedModels previous) {
        long tick = inputs.tick();
        LoopTick payload = inputs.payload();
        WorldView world = payload.world();
        DerivedModels.Builder next = previous.toBuilder();

        // Step 2: the limiter moves to this tick (never back); the tick's narrations start with the manual entries.
        List<NarrationEntry> manual = stepValue("loop.tick/narration_begin", List.<NarrationEntry>of(), () -> {
            narration.beginTick(tick);
            return narration.drainManual();
        });

        // Step 3: the fairness history.
        QueueMetrics queues = world.queueMetrics();
        QueueMetrics fairnessDelta = queues.deltaSince(inputs.previousQueueMetrics());
        List<QueueHistoryEntry> queueHistory = stepValue("loop.tick/queue_metrics", previous.queueHistory(),
                () -> appendCapped(previous.queueHistory(), List.of(new QueueHistoryEntry(tick, fairnessDelta, queues)),
                        ReadModels.QUEUE_HISTORY_CAP));
        next.queueHistory(queueHistory);

        // Step 4: rivalry history, fed only by the world's rivalry events.
        List<RivalryEvent> rivalryHistory = stepValue("loop.tick/rivalry_events", previous.rivalryHistory(),
                () -> appendCapped(previous.rivalryHistory(), world.rivalryEvents(), ReadModels.RIVALRY_HISTORY_CAP));
        next.rivalryHistory(rivalryHistory);

        // Step 6: relationship snapshot, updates against the previous snapshot (§6.2), overlay and summary (§6.3).
        // Ties that equal the previous tick's keep the previous snapshot object, and the values derived from it are
        // reused: no updates, the same overlay (when the previous tick had no updates either) and summary. Same
        // objects let the worker skip converting, comparing and encoding those sections (SPEC §9.5 step 5).
        Map<String, Object> churn = inputs.relationshipMetrics();
        Map<String, Map<String, RelationshipTie>> previousTies = previous.relationshipSnapshot();
        boolean tiesUnchanged = world.relationships() == previousTies || world.relationships().equals(previousTies);
        Map<String, Map<String, RelationshipTie>> ties = tiesUnchanged ? previousTies : world.relationships();
        List<RelationshipUpdate> updates = tiesUnchanged ? List.of()
                : stepValue("loop.tick/relationship_updates", List.<RelationshipUpdate>of(),
                        () -> Relationships.updates(previousTies, ties));
        next.relationshipSnapshot(ties);
        next.relationshipUpdates(updates);
        if (tiesUnchanged && previous.relationshipUpdates().isEmpty()) {
            next.relationshipOverlay(previous.deferredOverlay());
        } else {
            next.relationshipOverlay(Deferred.computing(() -> stepValue("loop.tick/relationship_overlay", Map.of(),
                    () -> overlayOf(ties, updates))));
        }

        // Step 5 (deferred): conflict.
        Map<String, Map<String, RelationshipTie>> worldTies = world.relationships();
        next.conflict(Deferred.computing(() -> stepValue("loop.tick/conflict", ConflictSnapshot.EMPTY,
                () -> new ConflictSnapshot(
                        queues,
                        ReadModels.lastOf(queueHistory, ReadModels.CONFLICT_HISTORY_SHOWN),
                        rivalryOf(worldTies),
                        ReadModels.lastOf(rivalryHistory, ReadModels.CONFLICT_HISTORY_SHOWN)))));
        Map<String, Object> previousChurn = inputs.previousRelationshipMetrics();
        boolean churnUnchanged = churn == previousChurn || churn.equals(previousChurn);
        RelationshipSummary summary = tiesUnchanged && churnUnchanged ? previous.relationshipSummary()
                : stepValue("loop.tick/relationship_summary", RelationshipSummary.EMPTY,
                        () -> Relationships.summary(ties, churn, previousTies, previous.relationshipSummary()));
        next.relationshipSummary(summary);

        // Step 7: social events.
        step("loop.tick/social_events", () -> next.socialEvents(
                appendCapped(previous.socialEvents(), payload.socialEvents(), ReadModels.SOCIAL_EVENTS_CAP)));

        // Step 8: affordance runtime (§6.4) and precondition failures.
        step("loop.tick/affordance_runtime", () -> {
            long start = 0;
            long finish = 0;
            long fail = 0;
            List<WorldEvent> preconditionFailures = new ArrayList<>();
            for (WorldEvent event : payload.events()) {
                switch (event.name()) {
                    case "affordance_start" -> start++;
                    case "affordance_finish" -> finish++;
                    case "affordance_fail" -> fail++;
                    case PRECONDITION_FAIL_EVENT -> preconditionFailures.add(event);
                    default -> {
                        // not an affordance event
                    }
                }
            }
            AffordanceEventCounts counts = new AffordanceEventCounts(start, finish, fail, preconditionFailures.size());
            next.affordanceRuntime(Deferred.computing(() -> stepValue("loop.tick/affordance_runtime",
                    AffordanceRuntime.EMPTY, () -> AffordanceRuntime.of(tick, world.runningAffordances(),
                            world.activeReservations(), counts))));
            next.preconditionFailures(List.copyOf(preconditionFailures));
        });

        // Step 9: generated narrations (§7.3), after the manual entries drained at step 2.
        List<NarrationEntry> generated = stepValue("loop.tick/narrations", List.<NarrationEntry>of(),
                () -> narration.generate(tick, payload.events(), payload.socialEvents(), updates, summary,
                        world.personalities()));
        next.narrations(concat(manual, generated));
        step("loop.tick/narration_state", () -> next.narrationState(narration.state()));

        // Step 10: the KPI history.
        step("loop.tick/kpi_history", () -> next.kpiHistory(KpiHistory.append(previous.kpiHistory(),
                payload.events(), world.jobs(), fairnessDelta)));
        DerivedModels derived = next.build();
        if (eagerDerivation) {
            // Errors must surface on the ingesting thread (fail_on_ingest_error): nothing is left for later.
            derived.conflict();
            derived.relationshipOverlay();
            derived.affordanceRuntime();
        }
        return derived;
    }

    // ------------------------------------------------------------------ narration

    /**
     * #6: a manual narration, decided at the limiter's current tick (SPEC §7.2); an allowed entry is queued for the
     * next tick boundary and returned. Any thread. Pending derivations are computed first, so the limiter has seen
     * every tick ingested so far, as with eager ingestion.
     */
    public synchronized Optional<NarrationEntry> emitManualNarration(ManualNarration manual) {
        ReadModels models = models();
        synchronized (derivationLock) {
            models.derivation().get();
            Optional<NarrationEntry> entry = narration.manual(manual, models.currentTick());
            if (entry.isPresent()) {
                manualQueued = true;
                published = models.toBuilder().narrationState(narration.state()).build();
            }
            return entry;
        }
    }

    /**
     * The tick completes (SPEC §7.2): manual narrations queued since the tick's ingestion join its narrations.
     * Simulation thread, just before the tick's record is taken; costs one volatile read when none was queued.
     */
    public void completeTick() {
        if (!manualQueued) {
            return;
        }
        synchronized (this) {
            completeTickLocked();
        }
    }

    private void completeTickLocked() {
        synchronized (derivationLock) {
            if (!manualQueued) {
                return;
            }
            manualQueued = false;
            ReadModels models = models();
            // Computes this tick's derivation first: its step 2 drains the manual entries queued before the tick.
            List<NarrationEntry> narrations = models.narrations();
            List<NarrationEntry> manual = narration.drainManual();
            if (manual.isEmpty()) {
                return;
            }
            published = models.toBuilder()
                    .narrations(concat(narrations, manual))
                    .narrationState(narration.state())
                    .build();
        }
    }

    // ------------------------------------------------------------------ other events

    /** {@code stability.metrics}: replaces the metrics; their {@code alerts} and {@code promotion_state} follow. */
    public synchronized void ingestStabilityMetrics(StabilityMetrics payload) {
        Map<String, Object> metrics = payload.metrics();
        ReadModels.Builder next = nextModels().stabilityMetrics(metrics);
        step("stability.metrics/alerts", () -> next.stabilityAlerts(alertsOf(metrics.get("alerts"))));
        step("stability.metrics/promotion_state", () -> next.promotionState(mapOf(metrics.get("promotion_state"))));
        published = next.build();
    }

    /** {@code loop.health}: the health status of SPEC §6.6, with the metrics registry. */
    public synchronized void ingestLoopHealth(long tick, LoopHealth payload) {
        ReadModels models = models();
        HealthStatus health = new HealthStatus(tick, statusOf(payload.status()), payload.durationMs(),
                payload.failureCount(), null, null, payload.summary(), models.metrics());
        published = models.toBuilder().health(health).build();
    }

    /**
     * {@code loop.failure}: health with status {@code error} and a summary completed from {@code transport} where
     * values are missing (SPEC §6.6), and a {@code loop_failure} entry appended to the events.
     */
    public synchronized void ingestLoopFailure(long tick, LoopFailure payload, TransportStatus transport) {
        ReadModels models = models();
        ReadModels.Builder next = models.toBuilder();
        step("loop.failure/health", () -> next.health(new HealthStatus(tick, HealthStatus.STATUS_ERROR,
                payload.durationMs(), payload.failureCount(), payload.error(), payload.snapshotPath(),
                completeSummary(payload.summary(), payload.durationMs(), transport), models.metrics())));
        step("loop.failure/events", () -> next.events(appendCapped(models.events(),
                List.of(WorldEvent.of(LOOP_FAILURE_EVENT, "tick", tick, "error", payload.error())),
                ReadModels.EVENTS_CAP)));
        published = next.build();
    }

    /** {@code policy.metadata}: cached; a map-valued {@code metadata.identity} becomes the policy identity. */
    public synchronized void ingestPolicyMetadata(TelemetryEvent event, String defaultConfigId) {
        PolicyMetadata payload = (PolicyMetadata) event.payload();
        ReadModels.Builder next = nextModels().policyMetadataEvent(event);
        step("policy.metadata/identity", () -> {
            if (payload.metadata().get("identity") instanceof Map<?, ?> identity) {
                next.policyIdentity(PolicyIdentity.fromMap(stringKeys(identity), defaultConfigId));
            }
        });
        published = next.build();
    }

    /** {@code policy.possession}: the possessed agents, sorted and unique. */
    public synchronized void ingestPolicyPossession(PolicyPossession payload) {
        published = nextModels().possessedAgents(payload.agents()).build();
    }

    /** {@code policy.anneal.update}: cached as given. */
    public synchronized void ingestPolicyAnneal(TelemetryEvent event) {
        published = nextModels().policyAnnealEvent(event).build();
    }

    /** {@code telemetry.snapshot.migrations} and {@code recordSnapshotMigrations}: the applied migrations. */
    public synchronized void recordSnapshotMigrations(List<String> applied) {
        published = nextModels().snapshotMigrations(applied == null ? List.of() : List.copyOf(applied)).build();
    }

    /**
     * {@code metrics} and {@code emitMetric}: records {@code {value, tags}} under {@code name} (last value wins; the
     * registry stays sorted by name and is never erased by {@code loop.health}).
     */
    public void recordMetric(String name, double value, Map<String, String> tags) {
        recordMetric(name, new MetricValue(value, tags));
    }

    /** {@link #recordMetric(String, double, Map)} with the value already made. */
    public synchronized void recordMetric(String name, MetricValue value) {
        Objects.requireNonNull(name, "name");
        metricRegistry = metricRegistry.with(name, Objects.requireNonNull(value, "value"));
        metricsPending = true;
    }

    /** An out-of-band entry (a generic event) appended to the events (cap {@value ReadModels#EVENTS_CAP}). */
    public synchronized void appendEvent(WorldEvent event) {
        ReadModels models = models();
        published = models.toBuilder()
                .events(appendCapped(models.events(), List.of(event), ReadModels.EVENTS_CAP))
                .build();
    }

    /** #7: the policy identity; {@code null} clears it. */
    public synchronized void updatePolicyIdentity(PolicyIdentity identityOrNull) {
        published = nextModels().policyIdentity(identityOrNull).build();
    }

    /** #35: replaces the relationship metrics. */
    public synchronized void updateRelationshipMetrics(Map<String, Object> metrics) {
        published = nextModels().relationshipMetrics(JsonMaps.copyOf(metrics)).build();
    }

    /** Sets the anneal status explicitly; {@code null} clears it (the tick's anneal context shows again). */
    public synchronized void updateAnnealStatus(Map<String, Object> statusOrNull) {
        published = nextModels()
                .annealStatusOverride(statusOrNull == null ? null : JsonMaps.copyOf(statusOrNull))
                .build();
    }

    // ------------------------------------------------------------------ state

    /**
     * Replaces every model with the snapshot's value; an absent ({@code null}) key resets its model to its empty
     * value (SPEC §14's uniform rule). Console and pipeline keys are not the store's and are ignored here.
     */
    public synchronized void importState(TelemetryStateSnapshot state) {
        Objects.requireNonNull(state, "state");
        synchronized (derivationLock) {
            // What was ingested before the import is computed first: it moves the narration limiter, which the
            // import then restores.
            models().derivation().get();
            importStateLocked(state);
        }
    }

    private void importStateLocked(TelemetryStateSnapshot state) {
        ReadModels.Builder next = initial.toBuilder();
        next.currentTick(state.currentTick());
        next.runtimeVariant(state.runtimeVariant());
        next.queueMetrics(orElse(state.queueMetrics(), QueueMetrics.ZERO));
        next.queueHistory(capped(state.queueHistory(), ReadModels.QUEUE_HISTORY_CAP));
        next.conflict(orElse(state.conflictSnapshot(), ConflictSnapshot.EMPTY));
        next.rivalryHistory(capped(state.rivalryEvents(), ReadModels.RIVALRY_HISTORY_CAP));
        next.embeddingMetrics(orElse(state.embeddingMetrics(), Map.of()));
        next.jobs(orElse(state.jobSnapshot(), Map.of()));
        next.economy(orElse(state.economySnapshot(), Map.of()));
        next.economySettings(orElse(state.economySettings(), configuredEconomySettings));
        next.priceSpikes(orElse(state.priceSpikes(), Map.of()));
        next.utilities(orElse(state.utilities(), WorldView.DEFAULT_UTILITIES));
        next.employment(orElse(state.employmentMetrics(), Map.of()));
        next.relationshipMetrics(orElse(state.relationshipMetrics(), Map.of()));
        // The imported snapshot is also the previous one the next tick's updates compare against, so no spurious
        // "added" updates follow an import.
        next.relationshipSnapshot(orElse(state.relationshipSnapshot(), Map.of()));
        next.relationshipUpdates(orElse(state.relationshipUpdates(), List.of()));
        next.relationshipOverlay(orElse(state.relationshipOverlay(), Map.of()));
        next.relationshipSummary(orElse(state.relationshipSummary(), RelationshipSummary.EMPTY));
        next.socialEvents(capped(state.socialEvents(), ReadModels.SOCIAL_EVENTS_CAP));
        List<WorldEvent> events = capped(state.events(), ReadModels.EVENTS_CAP);
        next.events(events);
        next.tickEvents(events);
        next.affordanceManifest(orElse(state.affordanceManifest(), Map.of()));
        next.affordanceRuntime(orElse(state.affordanceRuntime(), AffordanceRuntime.EMPTY));
        next.preconditionFailures(orElse(state.preconditionFailures(), List.of()));
        next.personalities(orElse(state.personalities(), Map.of()));
        next.rewardBreakdown(orElse(state.rewardBreakdown(), Map.of()));
        next.narrations(orElse(state.narrations(), List.of()));
        narration.restore(state.narrationState(), state.currentTick());
        next.narrationState(narration.state());
        next.kpiHistory(KpiHistory.normalise(state.kpiHistory()));
        Map<String, Object> stability = orElse(state.stabilityMetrics(), Map.of());
        next.stabilityMetrics(stability);
        next.stabilityAlerts(alertsOf(stability.get("alerts")));
        next.stabilityInputs(orElse(state.stabilityInputs(), StabilityInputs.EMPTY));
        next.promotionState(orElse(state.promotionState(), Map.of()));
        next.perturbations(orElse(state.perturbations(), Perturbations.EMPTY));
        next.policyIdentity(state.policyIdentity());
        next.policySnapshot(orElse(state.policySnapshot(), Map.of()));
        next.policyMetadataEvent(StateEvents.policyMetadataFromMap(state.policyMetadataEvent()));
        next.policyAnnealEvent(StateEvents.policyAnnealFromMap(state.policyAnnealEvent()));
        next.annealStatusOverride(state.annealStatus());
        next.possessedAgents(orElse(state.possessedAgents(), List.of()));
        metricRegistry = MetricRegistry.of(orElse(state.metrics(), Map.of()));
        metricsPending = false;
        Map<String, MetricValue> metrics = metricRegistry.view();
        next.metrics(metrics);
        next.health(orElse(state.health(), HealthStatus.EMPTY).withMetrics(metrics));
        next.snapshotMigrations(orElse(state.snapshotMigrations(), List.of()));
        published = next.build();
    }

    /**
     * A state builder holding every model of the store (SPEC §14); the caller adds the console and pipeline keys.
     */
    public TelemetryStateSnapshot.Builder exportState() {
        ReadModels models = current();
        return TelemetryStateSnapshot.builder()
                .stateVersion(TelemetryStateSnapshot.CURRENT_VERSION)
                .currentTick(models.currentTick())
                .runtimeVariant(models.runtimeVariant())
                .queueMetrics(models.queueMetrics())
                .queueHistory(models.queueHistory())
                .conflictSnapshot(models.conflict())
                .rivalryEvents(models.rivalryHistory())
                .embeddingMetrics(models.embeddingMetrics())
                .jobSnapshot(models.jobs())
                .economySnapshot(models.economy())
                .economySettings(models.economySettings())
                .priceSpikes(models.priceSpikes())
                .utilities(models.utilities())
                .employmentMetrics(models.employment())
                .relationshipMetrics(models.relationshipMetrics())
                .relationshipSnapshot(models.relationshipSnapshot())
                .relationshipUpdates(models.relationshipUpdates())
                .relationshipOverlay(models.relationshipOverlay())
                .relationshipSummary(models.relationshipSummary())
                .socialEvents(models.socialEvents())
                .events(models.events())
                .affordanceManifest(models.affordanceManifest())
                .affordanceRuntime(models.affordanceRuntime())
                .preconditionFailures(models.preconditionFailures())
                .personalities(models.personalities())
                .rewardBreakdown(models.rewardBreakdown())
                .narrations(models.narrations())
                .narrationState(models.narrationState())
                .kpiHistory(models.kpiHistory())
                .stabilityMetrics(models.stabilityMetrics())
                .stabilityInputs(models.stabilityInputs())
                .promotionState(models.promotionState())
                .perturbations(models.perturbations())
                .policyIdentity(models.policyIdentity())
                .policySnapshot(models.policySnapshot())
                .policyMetadataEvent(StateEvents.toMap(models.policyMetadataEvent()))
                .policyAnnealEvent(StateEvents.toMap(models.policyAnnealEvent()))
                .annealStatus(models.annealStatus().orElse(null))
                .possessedAgents(models.possessedAgents())
                .health(models.health())
                .metrics(models.metrics())
                .snapshotMigrations(models.snapshotMigrations());
    }

    // ------------------------------------------------------------------ helpers

    private void step(String name, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            errors.onError(name, e);
        }
    }

    private <V> V stepValue(String name, V fallback, Supplier<V> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            errors.onError(name, e);
            return fallback;
        }
    }

    /** {@code history} followed by {@code added}, keeping the last {@code cap}; {@code history} if nothing is added. */
    static <E> List<E> appendCapped(List<E> history, List<? extends E> added, int cap) {
        return CappedList.append(history, added, cap);
    }

    private static <E> List<E> concat(List<E> first, List<E> second) {
        if (second.isEmpty()) {
            return first;
        }
        if (first.isEmpty()) {
            return second;
        }
        List<E> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return Collections.unmodifiableList(all);
    }

    private static <E> List<E> capped(List<E> list, int cap) {
        return list == null ? List.of() : ReadModels.lastOf(list, cap);
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /**
     * The relationship overlay of {@code ties} with this tick's {@code updates} (SPEC §6.3), reusing the entries of the
     * last overlay computed, whichever tick that was, for owners whose tie row is the very same object and who have no
     * update (see {@link Relationships#overlay(Map, List, Map, Map)}: an unchanged row gives equal entries whatever tick
     * it is compared with). Any thread.
     */
    private Map<String, List<OverlayEntry>> overlayOf(Map<String, Map<String, RelationshipTie>> ties,
            List<RelationshipUpdate> updates) {
        OverlayBasis basis = lastOverlay;
        Map<String, List<OverlayEntry>> overlay = Relationships.overlay(ties, updates, basis.ties(), basis.overlay());
        lastOverlay = new OverlayBasis(ties, overlay);
        return overlay;
    }

    /** Owner → other → rivalry (SPEC §6.1 step 5); the last result again for the very same ties object. */
    private Map<String, Map<String, Double>> rivalryOf(Map<String, Map<String, RelationshipTie>> ties) {
        RivalryBasis basis = lastRivalry;
        if (basis.ties() == ties) {
            return basis.rivalry();
        }
        Map<String, Map<String, Double>> rivalry = rivalryOfTies(ties);
        lastRivalry = new RivalryBasis(ties, rivalry);
        return rivalry;
    }

    /** Owner → other → rivalry for the ties with rivalry > 0 (SPEC §6.1 step 5), in the source's order. */
    private static Map<String, Map<String, Double>> rivalryOfTies(Map<String, Map<String, RelationshipTie>> ties) {
        if (ties.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, Map<String, Double>> rivalry = new LinkedHashMap<>();
        LinkedHashMap<String, Double> row = new LinkedHashMap<>();
        ties.forEach((owner, others) -> {
            // forEach: no entry object per tie from the simulation's array-backed rows
            others.forEach((other, tie) -> {
                if (tie != null && tie.rivalry() > 0) {
                    row.put(other, tie.rivalry());
                }
            });
            if (!row.isEmpty()) {
                rivalry.put(owner, Collections.unmodifiableMap(new LinkedHashMap<>(row)));
                row.clear();
            }
        });
        return Collections.unmodifiableMap(rivalry);
    }

    private static List<String> alertsOf(Object alerts) {
        if (!(alerts instanceof List<?> list) || list.isEmpty()) {
            return List.of();
        }
        List<String> result = new ArrayList<>(list.size());
        for (Object alert : list) {
            if (alert != null) {
                result.add(alert.toString());
            }
        }
        return List.copyOf(result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object value) {
        return value instanceof Map<?, ?> map ? JsonMaps.copyOf(stringKeys(map)) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        boolean allStrings = true;
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                allStrings = false;
                break;
            }
        }
        if (allStrings) {
            return (Map<String, Object>) map;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return Collections.unmodifiableMap(copy);
    }

    private static String statusOf(String status) {
        if (HealthStatus.STATUS_OK.equals(status) || HealthStatus.STATUS_ERROR.equals(status)) {
            return status;
        }
        return HealthStatus.STATUS_UNKNOWN;
    }

    /** The failure's summary with the pipeline's values filled in where the summary has none (zero or null). */
    private static HealthSummary completeSummary(HealthSummary summary, double durationMs, TransportStatus transport) {
        HealthSummary.Builder builder = summary.toBuilder();
        if (summary.durationMs() == 0.0) {
            builder.durationMs(durationMs);
        }
        if (transport == null) {
            return builder.build();
        }
        if (summary.queueLength() == 0) {
            builder.queueLength(transport.queueLength());
        }
        if (summary.droppedMessages() == 0) {
            builder.droppedMessages(transport.droppedMessages());
        }
        if (summary.lastFlushDurationMs() == null) {
            builder.lastFlushDurationMs(transport.lastFlushDurationMs());
        }
        if (summary.payloadsFlushedTotal() == 0) {
            builder.payloadsFlushedTotal(transport.payloadsFlushedTotal());
        }
        if (summary.bytesFlushedTotal() == 0) {
            builder.bytesFlushedTotal(transport.bytesFlushedTotal());
        }
        if (!summary.authEnabled()) {
            builder.authEnabled(transport.authEnabled());
        }
        if (!summary.workerAlive()) {
            builder.workerAlive(transport.workerAlive());
        }
        if (summary.workerError() == null) {
            builder.workerError(transport.workerError());
        }
        if (summary.workerRestartCount() == 0) {
            builder.workerRestartCount(transport.workerRestartCount());
        }
        return builder.build();
    }
}
