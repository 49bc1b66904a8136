package org.townlet.telemetry.core.publish;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.townlet.telemetry.api.TelemetryIngestException;
import org.townlet.telemetry.api.TelemetrySchema;
import org.townlet.telemetry.api.TelemetrySink;
import org.townlet.telemetry.api.TelemetryValidationException;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.GenericPayload;
import org.townlet.telemetry.api.event.LoopFailure;
import org.townlet.telemetry.api.event.LoopHealth;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.MetricSample;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.NarrationLimiterState;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.PolicyAnneal;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.PolicyMetadata;
import org.townlet.telemetry.api.event.PolicyPossession;
import org.townlet.telemetry.api.event.PriceSpike;
import org.townlet.telemetry.api.event.QueueHistoryEntry;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.SnapshotMigrations;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.sink.EventSubscriber;
import org.townlet.telemetry.api.sink.TelemetryInspector;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.MetricValue;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportCallbacks;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.core.aggregate.ReadModelStore;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.console.ConsoleAuditWriter;
import org.townlet.telemetry.core.console.ConsoleCommandBuffer;
import org.townlet.telemetry.core.console.ConsoleResultLog;
import org.townlet.telemetry.core.encode.PublisherFrameProducer;
import org.townlet.telemetry.core.encode.TickRecord;
import org.townlet.telemetry.core.narration.NarrationEngine;
import org.townlet.telemetry.core.transform.TransformChain;
import org.townlet.telemetry.core.transform.TransformStats;
import org.townlet.telemetry.core.worker.OfferOutcome;
import org.townlet.telemetry.core.worker.PipelineCounters;
import org.townlet.telemetry.core.worker.TelemetryWorker;
import org.townlet.telemetry.core.worker.WorkerSettings;

/**
 * The real telemetry sink: records what the simulation hands it in read models and streams one frame per tick
 * through the pipeline worker and a transport (SPEC §2, §4.3, §5, §9).
 *
 * <p><b>Threads.</b> The simulation thread calls the write methods. What it emits is appended to an
 * {@link IngestionLog} and ingested into the {@link ReadModelStore} by the first reader, in order: any read method (so
 * every read sees everything emitted before it), the worker before it builds a frame, or the {@link AheadDeriver}
 * thread, which also computes the derived models ahead of the worker; with {@code fail_on_ingest_error} ingestion is
 * eager instead, so errors surface on the emitting thread. When a tick completes ({@code loop.health}, else the next
 * {@code loop.tick}, else {@link #stop()}) or a failure is recorded, the simulation thread assigns the frame's
 * {@code seq} and offers the tick's completion to the worker's buffer; its frame is built from the models as they stood
 * at that point of the log. The simulation thread thus pays an append per event and an offer per tick (SPEC §20 P1).
 * The worker thread builds, diffs and encodes frames and calls the transport. {@code seq} assignment and
 * {@link #stop()} are serialised by one lock, so no {@code seq} is assigned once {@code stop()} has begun. Read
 * methods are safe from any thread and return immutable values (they may ingest what is queued first);
 * {@link #transportStatus()} never throws.
 *
 * <p><b>Errors.</b> Each ingestion step that throws is logged, counted in {@code ingest_errors_total} and skipped;
 * the rest of the ingestion runs. With {@code fail_on_ingest_error} the first error of an event is rethrown as
 * {@link TelemetryIngestException} once its ingestion finished. A {@code schema_validator} in {@code raise} mode
 * fails on the worker; its {@link TelemetryValidationException} is handed over and rethrown from the simulation
 * thread's next write call ({@code emitEvent}, {@code emitMetric}, {@code setRuntimeVariant},
 * {@code updatePolicyIdentity}, {@code updateRelationshipMetrics}, {@code drainConsoleBuffer}, {@code importState})
 * or from {@link #stop()}, so the simulation fails within one tick (SPEC §10.1).
 *
 * <p><b>Narration and console.</b> Manual narrations may come from any thread; they are decided at once and join the
 * narrations at the next tick boundary (SPEC §7.2). Console commands and results are separate bounded structures
 * (SPEC §8); with {@code telemetry.console.audit_path} set, results are also appended to the audit file by the
 * {@value ConsoleAuditWriter#THREAD_NAME} thread, started by {@link #start()} and stopped by {@link #stop()}.
 *
 * <p>Build with {@link #builder()}; nothing runs until {@link #start()}.
 */
public final class TelemetryPublisher implements TelemetrySink, TelemetryInspector {
    /** The logger name transports get in their context, followed by {@code .<provider>}. */
    public static final String TRANSPORT_LOGGER_PREFIX = "org.townlet.telemetry.transport";

    private static final System.Logger LOG = System.getLogger(TelemetryPublisher.class.getName());
    /** Distinguishes the worker's jitter generator from the transport's, both derived from one seed. */
    private static final long WORKER_SEED_SALT = 0x5DEECE66DL;
    /**
     * How long {@link #stop()} lets the audit writer finish what is queued (local appends, normally done at once); kept
     * small so that {@code stop()} stays within {@code stop_timeout_seconds + 2 s} (SPEC §11.8) in practice.
     */
    private static final Duration AUDIT_CLOSE_BUDGET = Duration.ofMillis(200);
    /** How long {@link #stop()} waits for the deriver thread to end (it is between two ticks' derivations at once). */
    private static final Duration DERIVER_STOP_BUDGET = Duration.ofMillis(200);
    /** Completions the deriver thread may build ahead: a little more than a default batch. */
    private static final int PREBUILD_QUEUE = 64;
    /**
     * Documents the deriver thread builds ahead per round at most, before it ingests and derives again: deriving must
     * keep pace with the simulation (or the simulation thread catches up itself at the bounds), building ahead only
     * saves the worker time.
     */
    private static final int PREBUILDS_PER_ROUND = 4;

    /** The name of the thread that ingests, derives and builds documents ahead of the worker. */
    public static final String DERIVER_THREAD_NAME = AheadDeriver.THREAD_NAME;

    private final PublisherSettings settings;
    private final String provider;
    private final String backpressure;
    private final PipelineCounters counters;
    private final ReadModelStore store;
    private final ConsoleCommandBuffer commands;
    private final ConsoleResultLog results = new ConsoleResultLog();
    /** The audit writer; {@code null} when the audit is off (the default). */
    private final ConsoleAuditWriter audit;
    private final TransformChain transforms;
    /** A {@code raise} validation failure handed over by the worker, rethrown on the next write call. */
    private final AtomicReference<TelemetryValidationException> pendingFailure = new AtomicReference<>();
    private final TelemetryWorker<IngestionLog.Completion> worker;
    /** Emitted and not ingested yet; {@code null} when ingestion is eager ({@code fail_on_ingest_error}). */
    private final IngestionLog ingestion;
    /** Works ahead of the worker; {@code null} when ingestion is eager ({@code fail_on_ingest_error}). */
    private final AheadDeriver deriver;
    /** The worker's frame producer; the deriver thread builds documents ahead through it ({@code prebuild}). */
    private final PublisherFrameProducer producer;
    /**
     * Completions ingested whose documents the deriver thread may build ahead, newest kept when full (the oldest are
     * the likeliest to be dropped or reached by the worker first); {@code null} without a deriver.
     */
    private final ArrayBlockingQueue<IngestionLog.Completion> prebuilds;
    /** The first ingestion error of the event being ingested on this thread, for {@code fail_on_ingest_error}. */
    private final ThreadLocal<RuntimeException> firstIngestError = new ThreadLocal<>();

    /** Serialises {@code seq} assignment with {@link #stop()}; guards the pending-tick state. */
    private final Object seqLock = new Object();
    private boolean tickPending;
    private long pendingTick;
    private boolean stopping;

    private TelemetryPublisher(Builder builder) {
        this.settings = builder.settings;
        this.provider = builder.provider;
        this.backpressure = builder.workerSettings.backpressure().configName();
        this.counters = new PipelineCounters(provider, backpressure, builder.tlsEnabled, builder.verifyHostname,
                builder.allowPlaintext, settings.authEnabled());
        this.store = new ReadModelStore(settings.economySettings(), new NarrationEngine(settings.narration(),
                settings.relationshipNarration(), settings.personalityNarration()), this::onIngestError,
                settings.failOnIngestError());
        this.commands = new ConsoleCommandBuffer(
                total -> recordConsoleMetric(ConsoleCommandBuffer.DROPPED_METRIC, total),
                total -> recordConsoleMetric(ConsoleCommandBuffer.INVALID_METRIC, total));
        this.audit = settings.console().audit()
                .map(path -> new ConsoleAuditWriter(path, settings.console().auditQueueCapacity()))
                .orElse(null);
        this.transforms = TransformChain.of(settings.transforms());
        TransportContext context = new TransportContext(builder.clock, new Random(builder.seed), counters::toStatus,
                TRANSPORT_LOGGER_PREFIX + "." + provider, new PublisherCallbacks());
        Transport transport = Objects.requireNonNull(builder.transportFactory.apply(context),
                () -> "the transport factory of '" + provider + "' returned null");
        this.producer = new PublisherFrameProducer(counters, settings.diffEnabled(),
                settings.keyframeIntervalTicks(), transforms, this::onValidationFailure);
        this.ingestion = settings.failOnIngestError() ? null : new IngestionLog(this::ingest);
        this.worker = TelemetryWorker.<IngestionLog.Completion>builder()
                .transport(transport)
                .producer(new CompletionFrameProducer(producer, ingestion))
                .counters(counters)
                .settings(builder.workerSettings)
                .clock(builder.clock)
                .random(new Random(builder.seed ^ WORKER_SEED_SALT))
                .build();
        this.prebuilds = settings.failOnIngestError() ? null : new ArrayBlockingQueue<>(PREBUILD_QUEUE);
        this.deriver = prebuilds == null ? null : new AheadDeriver(this::workAhead, this::moreWaiting);
    }

    /** A builder; the transport is required, everything else has a default. */
    public static Builder builder() {
        return new Builder();
    }

    // ================================================================== port

    /**
     * Starts the worker and the transport, the deriver thread (unless derivation is eager) and the audit writer (when
     * on), once.
     */
    @Override
    public void start() {
        if (audit != null) {
            audit.start();
        }
        worker.start();
        if (deriver != null) {
            deriver.start();
        }
    }

    /**
     * Completes the pending tick, then stops the worker: it drains within {@code stop_timeout}, counts what was not
     * delivered, flushes and closes the transport (SPEC §11.8); then writes what the audit queue holds and stops its
     * thread. Idempotent and bounded. Afterwards ingestion still updates the read models but no frame is built.
     *
     * @throws TelemetryValidationException if a {@code raise} validator failed and no write call rethrew it yet (the
     *     pipeline is stopped all the same)
     */
    @Override
    public void stop() {
        synchronized (seqLock) {
            if (!stopping) {
                if (tickPending) {
                    completeTick(pendingTick, TickRecord.Kind.TICK);
                }
                stopping = true;
            }
        }
        worker.stop();
        if (deriver != null) {
            deriver.stop(DERIVER_STOP_BUDGET);
        }
        if (audit != null) {
            audit.close(AUDIT_CLOSE_BUDGET);
        }
        rethrowPendingFailure();
    }

    @Override
    public void emitEvent(TelemetryEvent event) {
        Objects.requireNonNull(event, "event");
        rethrowPendingFailure();
        // The thread-local is only needed to fail the call (fail_on_ingest_error); skip it otherwise, it is the
        // costliest part of a cheap call.
        boolean failFast = settings.failOnIngestError();
        if (failFast) {
            firstIngestError.remove();
        }
        try {
            route(event);
        } catch (RuntimeException e) {
            onIngestError(event.eventType(), e);
        }
        if (failFast) {
            RuntimeException first = firstIngestError.get();
            firstIngestError.remove();
            if (first != null) {
                throw new TelemetryIngestException("Telemetry ingestion of '" + event.eventType() + "' at tick "
                        + event.tick() + " failed: " + first.getMessage(), first);
            }
        }
    }

    @Override
    public void emitMetric(String name, double value, Map<String, String> tags) {
        Objects.requireNonNull(name, "name");
        rethrowPendingFailure();
        // Not through guarded(): no capturing lambda on the simulation thread's most frequent call.
        try {
            MetricValue metric = new MetricValue(value, tags);
            if (ingestion != null) {
                ingestion.append(new IngestionLog.Metric(name, metric));
            } else {
                store.recordMetric(name, metric);
            }
        } catch (RuntimeException e) {
            onIngestError("metrics", e);
        }
    }

    /** The pipeline's status, assembled now; never throws (the initial status if assembling it failed). */
    @Override
    public TransportStatus transportStatus() {
        try {
            return counters.toStatus();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Telemetry transport status unavailable: " + e, e);
            return TransportStatus.initial(provider, backpressure);
        }
    }

    // ================================================================== routing (SPEC §4.3)

    /**
     * What an event does on the emitting thread: {@code seq} assignment around {@code loop.tick} and
     * {@code loop.health}, the subscribers, console results; its read-model part is queued for the first reader
     * ({@link IngestionLog}) or, when ingestion is eager, applied now ({@link #ingestEvent}).
     */
    private void route(TelemetryEvent event) {
        long tick = event.tick();
        Object payload = event.payload();
        if (payload instanceof LoopTick loopTick) {
            synchronized (seqLock) {
                if (tickPending) {
                    // The previous tick never got its loop.health (hand-driven ingestion): complete it first (§5).
                    completeTick(pendingTick, TickRecord.Kind.TICK);
                }
            }
            ingestOrQueue(event);
            synchronized (seqLock) {
                tickPending = true;
                pendingTick = tick;
            }
            // SPEC §6.1 step 9, after the models: a subscriber that reads the sink ingests what is queued first.
            store.notifySubscribers(tick, loopTick.events());
        } else if (payload instanceof LoopHealth) {
            ingestOrQueue(event);
            synchronized (seqLock) {
                completeTick(tick, TickRecord.Kind.TICK);
            }
        } else if (payload instanceof LoopFailure failure) {
            recordFailure(event, failure);
        } else if (payload instanceof ConsoleEvent consoleEvent) {
            ConsoleResult recorded = results.record(consoleEvent.result(), currentTick());
            if (audit != null) {
                audit.submit(recorded);
            }
        } else {
            ingestOrQueue(event);
        }
    }

    private void ingestOrQueue(TelemetryEvent event) {
        if (ingestion != null) {
            ingestion.append(new IngestionLog.Event(event));
        } else {
            ingestEvent(event);
        }
    }

    /** The read-model part of an event (SPEC §4.3, §6); on the ingesting thread. */
    private void ingestEvent(TelemetryEvent event) {
        long tick = event.tick();
        Object payload = event.payload();
        if (payload instanceof LoopTick loopTick) {
            store.ingestLoopTickModels(tick, loopTick);
        } else if (payload instanceof StabilityMetrics metrics) {
            store.ingestStabilityMetrics(metrics);
        } else if (payload instanceof LoopHealth health) {
            store.ingestLoopHealth(tick, health);
        } else if (payload instanceof PolicyMetadata) {
            store.ingestPolicyMetadata(event, settings.configId());
        } else if (payload instanceof PolicyPossession possession) {
            store.ingestPolicyPossession(possession);
        } else if (payload instanceof PolicyAnneal) {
            store.ingestPolicyAnneal(event);
        } else if (payload instanceof SnapshotMigrations migrations) {
            store.recordSnapshotMigrations(migrations.applied());
        } else if (payload instanceof MetricSample sample) {
            store.recordMetric(sample.name(), sample.value(), sample.tags());
        } else if (payload instanceof GenericPayload generic) {
            store.appendEvent(new WorldEvent(event.eventType(), JsonMaps.of("payload", generic.data())));
        }
    }

    /**
     * Ingests one queued entry ({@link IngestionLog}); whichever thread reads first, the log's lock held. Never
     * throws: an error is counted and logged like any ingestion error, and a completion always gets its models.
     */
    private void ingest(IngestionLog.Entry entry) {
        if (entry instanceof IngestionLog.Completion completion) {
            try {
                // Manual narrations queued since the tick's ingestion join its narrations (SPEC §7.2).
                store.completeTick();
            } catch (RuntimeException e) {
                onIngestError("tick_completion/narrations", e);
            }
            completion.models(store.current());
            if (prebuilds != null && completion.seq() != IngestionLog.Completion.NO_SEQ) {
                // Under the log's lock, so completions enter in seq order; a full queue loses its oldest.
                while (!prebuilds.offer(completion)) {
                    prebuilds.poll();
                }
            }
        } else if (entry instanceof IngestionLog.Event queued) {
            try {
                ingestEvent(queued.event());
            } catch (RuntimeException e) {
                onIngestError(queued.event().eventType(), e);
            }
        } else if (entry instanceof IngestionLog.Metric metric) {
            try {
                store.recordMetric(metric.name(), metric.value());
            } catch (RuntimeException e) {
                onIngestError("metrics", e);
            }
        } else if (entry instanceof IngestionLog.Failure failure) {
            try {
                store.ingestLoopFailure(failure.event().tick(), (LoopFailure) failure.event().payload(),
                        failure.transport());
            } catch (RuntimeException e) {
                onIngestError(failure.event().eventType(), e);
            }
        }
    }

    /** Whether emitted events wait for ingestion (for tests). */
    boolean ingestionPending() {
        return ingestion != null && ingestion.hasPending();
    }

    /** How many queued entries were ingested so far (for tests). */
    long ingestedEntries() {
        return ingestion == null ? 0 : ingestion.ingestedCount();
    }

    /** Ingests what is queued, so that what follows sees everything emitted before it. Any thread. */
    private void ingestQueued() {
        if (ingestion != null && ingestion.hasPending()) {
            ingestion.ingestAll();
        }
    }

    /** Ingests what is queued; then the models as they stand. Any thread. */
    private ReadModels models() {
        ingestQueued();
        return store.current();
    }

    /**
     * The deriver thread's round: ingests what is queued, computes the derived models of every tick ingested, then
     * builds the documents of up to {@value #PREBUILDS_PER_ROUND} completions waiting for it, oldest first, skipping
     * those backpressure dropped already (nobody will encode them). Whether it found anything to do.
     */
    private boolean workAhead() {
        ReadModels newest = ingestedModels();
        boolean worked = false;
        if (!newest.derivation().isComputed()) {
            newest.derivation().get();
            worked = true;
        }
        int built = 0;
        // Overloaded, most documents built ahead would be dropped before the worker got to them, and deriving must keep
        // up with an unpaced simulation, or the simulation thread catches up itself (SPEC §20 P1): one per round then.
        int limit = overloaded() ? 1 : PREBUILDS_PER_ROUND;
        IngestionLog.Completion next;
        while (built < limit && (next = prebuilds.poll()) != null) {
            if (next.seq() <= worker.lastDroppedSeq()) {
                continue;
            }
            worked |= producer.prebuild(new TickRecord(next.seq(), next.tick(), next.kind(), next.models(),
                    next.slot()));
            built++;
        }
        return worked || !prebuilds.isEmpty();
    }

    /**
     * Whether the deriver thread should go on without a doze: more than a few ticks' events wait to be ingested (an
     * unpaced simulation emits faster than one round takes, and a thread that dozes while behind reaches the log's
     * bound, where the simulation thread ingests itself), or documents wait to be built ahead and the pipeline is not
     * {@linkplain #overloaded() overloaded} (overloaded, most of them would be dropped before the worker got to them).
     */
    private boolean moreWaiting() {
        return ingestion.backlogAtLeast(IngestionLog.BOUND_CHECK_EVERY) || !prebuilds.isEmpty() && !overloaded();
    }

    /**
     * Backpressure has dropped frames the worker has not reached yet: more frames come than the worker sends (an
     * unpaced simulation, or a paced one in a burst).
     */
    private boolean overloaded() {
        return worker.lastDroppedSeq() > producer.producedSeq();
    }

    /** Ingests what is queued; then the models last published (for the derivations: no metric folding). */
    private ReadModels ingestedModels() {
        ingestQueued();
        return store.published();
    }

    /** {@code loop.failure}: health {@code error}, the events entry, the ERROR line, and the failure frame (§9.5). */
    private void recordFailure(TelemetryEvent event, LoopFailure failure) {
        long tick = event.tick();
        TransportStatus status = transportStatus();
        if (ingestion != null) {
            ingestion.append(new IngestionLog.Failure(event, status));
        } else {
            store.ingestLoopFailure(tick, failure, status);
        }
        LOG.log(Level.ERROR, "simulation_loop_failure tick=" + tick + " error=" + failure.error() + " queue="
                + status.queueLength() + " dropped=" + status.droppedMessages() + " snapshot="
                + failure.snapshotPath());
        synchronized (seqLock) {
            // The failure frame takes the place of the pending tick's completion.
            completeTick(tick, TickRecord.Kind.FAILURE);
        }
    }

    /**
     * Assigns the next {@code seq} and offers the tick's completion, whose models are those as they stand once
     * everything emitted before it is ingested. {@code seqLock} held. After {@code stop()} began, no {@code seq} is
     * assigned and nothing is offered (the tick still completes in the read models).
     */
    private void completeTick(long tick, TickRecord.Kind kind) {
        tickPending = false;
        if (stopping) {
            complete(new IngestionLog.Completion(IngestionLog.Completion.NO_SEQ, tick, kind, false));
            return;
        }
        long seq = counters.incrementFramesBuilt();
        IngestionLog.Completion completion = new IngestionLog.Completion(seq, tick, kind, deriver != null);
        complete(completion);
        OfferOutcome outcome = worker.offer(completion);
        if (outcome instanceof OfferOutcome.RejectedWorkerDead) {
            // Already counted as dropped by the worker; the stream shows the gap.
            LOG.log(Level.DEBUG, "Telemetry frame seq=" + seq + " dropped: the worker is stopped or dead");
        }
    }

    private void complete(IngestionLog.Completion completion) {
        if (ingestion != null) {
            ingestion.append(completion);
        } else {
            ingest(completion);
        }
    }

    private void onIngestError(String step, RuntimeException error) {
        counters.incrementIngestErrors();
        LOG.log(Level.WARNING, "telemetry_ingest_error step=" + step + " error=" + error.getClass().getSimpleName()
                + ": " + error.getMessage(), error);
        // Only read (and cleared) by emitEvent when failing on ingest errors; derived models are then computed on the
        // ingesting thread too, so no other thread's value lingers.
        if (settings.failOnIngestError() && firstIngestError.get() == null) {
            firstIngestError.set(error);
        }
    }

    /** Worker thread, send lock held: a {@code raise} validator failed; the first one waits for the sim thread. */
    private void onValidationFailure(TelemetryValidationException failure) {
        if (!pendingFailure.compareAndSet(null, failure)) {
            LOG.log(Level.WARNING, "Telemetry schema validation failed again before the first failure was "
                    + "rethrown: " + failure.getMessage());
        }
    }

    /** Rethrows (once) a {@code raise} validation failure handed over by the worker. */
    private void rethrowPendingFailure() {
        // A plain read first: the swap (a locked instruction) only when there is something to rethrow.
        if (pendingFailure.get() != null) {
            TelemetryValidationException failure = pendingFailure.getAndSet(null);
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void recordConsoleMetric(String name, long total) {
        ingestQueued();
        guarded("console/" + name, () -> store.recordMetric(name, total, Map.of()));
    }

    private void guarded(String step, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            onIngestError(step, e);
        }
    }

    // ================================================================== ingress

    @Override
    public void setRuntimeVariant(String variantOrNull) {
        rethrowPendingFailure();
        ingestQueued();
        guarded("runtime_variant", () -> store.setRuntimeVariant(variantOrNull));
    }

    @Override
    public void registerEventSubscriber(EventSubscriber subscriber) {
        store.registerSubscriber(subscriber);
    }

    /**
     * #6: decides at the limiter's current tick (SPEC §7.2); an allowed entry (tick: the narration's, else the
     * current tick) is queued for the next tick boundary and returned; empty when the limiter denies it. Any thread.
     */
    @Override
    public Optional<NarrationEntry> emitManualNarration(ManualNarration narration) {
        Objects.requireNonNull(narration, "narration");
        ingestQueued();
        return store.emitManualNarration(narration);
    }

    @Override
    public void updatePolicyIdentity(PolicyIdentity identityOrNull) {
        rethrowPendingFailure();
        ingestQueued();
        store.updatePolicyIdentity(identityOrNull);
    }

    @Override
    public void updateRelationshipMetrics(Map<String, Object> metrics) {
        rethrowPendingFailure();
        ingestQueued();
        store.updateRelationshipMetrics(metrics);
    }

    // ================================================================== console

    /** #11: the pending commands, oldest first (simulation thread, at the start of each tick). */
    @Override
    public List<ConsoleCommand> drainConsoleBuffer() {
        rethrowPendingFailure();
        return commands.drain();
    }

    /** #12: replaces the pending commands (any thread); at most 50 are kept, the oldest dropped and counted. */
    @Override
    public void importConsoleBuffer(List<?> items) {
        commands.importItems(items);
    }

    @Override
    public List<ConsoleResult> latestConsoleResults() {
        return results.latest();
    }

    @Override
    public List<ConsoleResult> consoleHistory() {
        return results.history();
    }

    /** What the transform pipeline did so far (redactions, drops, validations). Any thread. */
    public TransformStats transformStats() {
        return transforms.stats();
    }

    /** The console audit writer's counters; empty when the audit is off. Any thread. */
    public Optional<ConsoleAuditStats> consoleAuditStats() {
        return audit == null ? Optional.empty()
                : Optional.of(new ConsoleAuditStats(audit.writtenTotal(), audit.droppedTotal(), audit.failedTotal()));
    }

    /**
     * The console audit writer's counters.
     *
     * @param written results appended to the audit file
     * @param dropped results not audited (queue full, or still queued when the writer stopped)
     * @param failed  results whose write failed (logged)
     */
    public record ConsoleAuditStats(long written, long dropped, long failed) {
    }

    // ================================================================== reads

    /** The read models as they stand, as one value: reads through it see one moment. */
    public ReadModels readModels() {
        return models();
    }

    @Override
    public String schema() {
        return TelemetrySchema.VERSION;
    }

    @Override
    public long currentTick() {
        return models().currentTick();
    }

    @Override
    public Optional<PolicyIdentity> latestPolicyIdentity() {
        return Optional.ofNullable(models().policyIdentity());
    }

    @Override
    public Map<String, Map<String, Object>> latestPolicySnapshot() {
        return models().policySnapshot();
    }

    @Override
    public Optional<Map<String, Object>> latestAnnealStatus() {
        return models().annealStatus();
    }

    @Override
    public QueueMetrics latestQueueMetrics() {
        return models().queueMetrics();
    }

    @Override
    public Map<String, Double> latestEmbeddingMetrics() {
        return models().embeddingMetrics();
    }

    @Override
    public Map<String, Map<String, Object>> latestJobSnapshot() {
        return models().jobs();
    }

    @Override
    public List<WorldEvent> latestEvents() {
        return models().events();
    }

    @Override
    public Map<String, Object> latestEconomySnapshot() {
        return models().economy();
    }

    @Override
    public Map<String, Double> latestEconomySettings() {
        return models().economySettings();
    }

    @Override
    public Map<String, PriceSpike> latestPriceSpikes() {
        return models().priceSpikes();
    }

    @Override
    public Map<String, Boolean> latestUtilities() {
        return models().utilities();
    }

    @Override
    public Map<String, Object> latestEmploymentMetrics() {
        return models().employment();
    }

    @Override
    public ConflictSnapshot latestConflictSnapshot() {
        return models().conflict();
    }

    @Override
    public List<RivalryEvent> latestRivalryEvents() {
        return ReadModels.lastOf(models().rivalryHistory(), ReadModels.READ_HISTORY_SHOWN);
    }

    @Override
    public Map<String, Object> latestAffordanceManifest() {
        return models().affordanceManifest();
    }

    @Override
    public AffordanceRuntime latestAffordanceRuntime() {
        return models().affordanceRuntime();
    }

    @Override
    public Map<String, Map<String, Double>> latestRewardBreakdown() {
        return models().rewardBreakdown();
    }

    @Override
    public Map<String, Map<String, Object>> latestPersonalitySnapshot() {
        return models().personalities();
    }

    @Override
    public Map<String, Object> latestRelationshipMetrics() {
        return models().relationshipMetrics();
    }

    @Override
    public Map<String, Map<String, RelationshipTie>> latestRelationshipSnapshot() {
        return models().relationshipSnapshot();
    }

    @Override
    public List<RelationshipUpdate> latestRelationshipUpdates() {
        return models().relationshipUpdates();
    }

    @Override
    public RelationshipSummary latestRelationshipSummary() {
        return models().relationshipSummary();
    }

    @Override
    public List<SocialEvent> latestSocialEvents() {
        return models().socialEvents();
    }

    @Override
    public List<NarrationEntry> latestNarrations() {
        return models().narrations();
    }

    @Override
    public NarrationLimiterState latestNarrationState() {
        return models().narrationState();
    }

    @Override
    public Map<String, Object> latestStabilityMetrics() {
        return models().stabilityMetrics();
    }

    @Override
    public List<String> latestStabilityAlerts() {
        return models().stabilityAlerts();
    }

    @Override
    public TransportStatus latestTransportStatus() {
        return transportStatus();
    }

    @Override
    public HealthStatus latestHealthStatus() {
        return models().health();
    }

    @Override
    public List<String> latestSnapshotMigrations() {
        return models().snapshotMigrations();
    }

    // ================================================================== inspector

    @Override
    public List<String> latestPossessedAgents() {
        return models().possessedAgents();
    }

    @Override
    public List<Map<String, Object>> latestPreconditionFailures() {
        List<WorldEvent> failures = models().preconditionFailures();
        if (failures.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> maps = new ArrayList<>(failures.size());
        for (WorldEvent failure : failures) {
            maps.add(failure.toJson());
        }
        return List.copyOf(maps);
    }

    @Override
    public Perturbations latestPerturbations() {
        return models().perturbations();
    }

    @Override
    public StabilityInputs latestStabilityInputs() {
        return models().stabilityInputs();
    }

    @Override
    public Map<String, Object> latestPromotionState() {
        return models().promotionState();
    }

    @Override
    public Optional<TelemetryEvent> latestPolicyMetadata() {
        return Optional.ofNullable(models().policyMetadataEvent());
    }

    @Override
    public Optional<TelemetryEvent> latestPolicyAnneal() {
        return Optional.ofNullable(models().policyAnnealEvent());
    }

    @Override
    public Map<String, Object> latestObservationEnvelope() {
        return models().observationEnvelope();
    }

    @Override
    public List<QueueHistoryEntry> latestQueueHistory() {
        return ReadModels.lastOf(models().queueHistory(), ReadModels.READ_HISTORY_SHOWN);
    }

    @Override
    public Map<String, List<OverlayEntry>> latestRelationshipOverlay() {
        return models().relationshipOverlay();
    }

    @Override
    public Map<String, List<Number>> kpiHistory() {
        return models().kpiHistory();
    }

    @Override
    public void recordSnapshotMigrations(List<String> applied) {
        ingestQueued();
        store.recordSnapshotMigrations(applied);
    }

    @Override
    public void updateAnnealStatus(Map<String, Object> statusOrNull) {
        ingestQueued();
        store.updateAnnealStatus(statusOrNull);
    }

    // ================================================================== state (SPEC §14)

    @Override
    public TelemetryStateSnapshot exportState() {
        ingestQueued();
        return store.exportState()
                .consoleResults(results.latest())
                .consoleHistory(results.history())
                .consoleBuffer(commands.pending())
                .transportStatus(transportStatus())
                .transportBufferPending(worker.queueLength())
                .build();
    }

    /**
     * Replaces every read model with the snapshot's values (absent keys reset to empty), restores the narration
     * limiter, the KPI history and the console, drops what is buffered (counted in {@code dropped_messages}) and makes
     * the next frame a keyframe. {@code seq} keeps running; a tick pending completion is discarded (it has no
     * {@code seq} yet). {@code transport_status} and {@code transport_buffer_pending} are not restored (SPEC §14).
     */
    @Override
    public void importState(TelemetryStateSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        rethrowPendingFailure();
        synchronized (seqLock) {
            tickPending = false;
        }
        ingestQueued();
        store.importState(snapshot);
        results.restore(snapshot.consoleResults(), snapshot.consoleHistory());
        commands.restore(snapshot.consoleBuffer());
        int cleared = worker.clearBuffer();
        if (cleared > 0) {
            LOG.log(Level.WARNING, "Telemetry state import dropped " + cleared + " buffered frames");
        }
    }

    // ================================================================== transport callbacks

    /** What a transport reports off the worker thread: relayed to the pipeline's counters and ack ledger. */
    private final class PublisherCallbacks implements TransportCallbacks {
        /** The pipeline's own relay: acknowledgements settle frames, failures mark the connection broken. */
        private final TransportCallbacks pipeline = counters.transportCallbacks();

        @Override
        public void acknowledged(long seq, long frames, long bytes) {
            pipeline.acknowledged(seq, frames, bytes);
        }

        @Override
        public void failed(String error) {
            LOG.log(Level.WARNING, "Telemetry transport " + provider + " reported a failure: " + error);
            pipeline.failed(error);
        }
    }

    // ================================================================== builder

    /**
     * Builder of {@link TelemetryPublisher}. The transport is required; every other setting has a default: publisher
     * settings {@link PublisherSettings#DEFAULTS}, worker settings {@link WorkerSettings#DEFAULTS}, the system UTC
     * clock, seed {@value #DEFAULT_SEED}, TLS flags false. Single-threaded.
     */
    public static final class Builder {
        /** The default random seed of the transport's and the worker's generators. */
        public static final long DEFAULT_SEED = 0L;

        private PublisherSettings settings = PublisherSettings.DEFAULTS;
        private WorkerSettings workerSettings = WorkerSettings.DEFAULTS;
        private String provider;
        private Function<TransportContext, Transport> transportFactory;
        private Clock clock = Clock.systemUTC();
        private long seed = DEFAULT_SEED;
        private boolean tlsEnabled;
        private boolean verifyHostname;
        private boolean allowPlaintext;

        private Builder() {
        }

        /** The publisher's own settings. */
        public Builder settings(PublisherSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Buffer, batching, backpressure, retry, restart and stop settings of the worker. */
        public Builder workerSettings(WorkerSettings workerSettings) {
            this.workerSettings = Objects.requireNonNull(workerSettings, "workerSettings");
            return this;
        }

        /**
         * The transport: its type name (the status's {@code provider}, e.g. {@code stdout}) and how to create it
         * from the pipeline's {@link TransportContext}. The factory is called once, by {@link #build()}.
         */
        public Builder transport(String provider, Function<TransportContext, Transport> transportFactory) {
            Objects.requireNonNull(provider, "provider");
            if (provider.isBlank()) {
                throw new IllegalArgumentException("provider must not be blank");
            }
            this.provider = provider;
            this.transportFactory = Objects.requireNonNull(transportFactory, "transportFactory");
            return this;
        }

        /** The effective TLS settings of the transport, as reported in the status (false for non-tcp transports). */
        public Builder tls(boolean tlsEnabled, boolean verifyHostname, boolean allowPlaintext) {
            this.tlsEnabled = tlsEnabled;
            this.verifyHostname = verifyHostname;
            this.allowPlaintext = allowPlaintext;
            return this;
        }

        /** The clock of the transport context and the worker's restart window. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The seed of the transport's and the worker's random generators (reconnect and retry jitter). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Creates the pipeline counters, the transport context, the transport (through its factory) and the worker;
         * starts nothing.
         *
         * @throws IllegalStateException if no transport was given
         */
        public TelemetryPublisher build() {
            if (transportFactory == null) {
                throw new IllegalStateException("a transport is required: call transport(provider, factory)");
            }
            return new TelemetryPublisher(this);
        }
    }
}
