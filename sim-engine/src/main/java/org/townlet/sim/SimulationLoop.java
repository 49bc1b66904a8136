package org.townlet.sim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.townlet.sim.world.Rewards;
import org.townlet.sim.world.Town;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.LoopFailure;
import org.townlet.telemetry.api.event.LoopHealth;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.PolicyAnneal;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.PolicyMetadata;
import org.townlet.telemetry.api.event.PolicyPossession;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.sink.ConsoleBridge;
import org.townlet.telemetry.api.sink.TelemetryIngress;
import org.townlet.telemetry.api.sink.TelemetryPort;
import org.townlet.telemetry.api.status.HealthSummary;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * Runs the town and hands the telemetry sink what happened, every tick, in the order of SPEC §18: console commands
 * drained, the world advanced, console results, health metrics, policy events, {@code loop.tick},
 * {@code stability.metrics}, {@code loop.health}. A step that throws emits {@code loop.failure} and ends the run with
 * a {@link SimulationLoopException}.
 *
 * <p>The sink is taken through the three roles the loop uses ({@link TelemetryIngress}, {@link ConsoleBridge},
 * {@link TelemetryPort}); any {@code TelemetrySink} qualifies. Time is read only from the injected nanosecond ticker,
 * and only for durations: nothing measured reaches the world, so the same seed and config give the same
 * {@code loop.tick} payloads.
 *
 * <p>Threads: {@link #run}, {@link #step} and the constructor belong to one simulation thread. {@link #requestStop},
 * {@link #currentTick} and {@link #providerInfo} may be called from any thread (a shutdown hook, a progress reporter).
 */
public final class SimulationLoop {
    private static final System.Logger LOG = System.getLogger(SimulationLoop.class.getName());

    /** {@code config_id} of the policy identity. Next: issue town simulation (the top-level {@code config_id} key). */
    static final String CONFIG_ID = "townlet-default";
    /** {@code monitor.window} at its default. Next: issue town simulation (the {@code monitor} block). */
    static final int MONITOR_WINDOW = 100;
    /** {@code monitor.health_log_every_ticks} at its default. */
    static final long HEALTH_LOG_EVERY_TICKS = 100;

    private final SimulationConfig config;
    private final TelemetryIngress ingress;
    private final ConsoleBridge console;
    private final TelemetryPort port;
    private final LongSupplier ticker;
    private final ProviderInfo providerInfo;
    private final Town town;
    private final ConsoleRouter router;
    private final HealthMonitor healthMonitor;
    private final StabilityMonitor stability = new StabilityMonitor();
    private final PolicyIdentity identity;

    private volatile long tick;
    private volatile boolean stopRequested;
    private long failureCount;
    private PolicyMetadata lastMetadata;
    private PolicyPossession lastPossession;
    private PolicyAnneal lastAnneal;

    /**
     * A loop whose telemetry provider is reported as {@value ProviderInfo#UNKNOWN}.
     *
     * @see #SimulationLoop(SimulationConfig, TelemetryIngress, LongSupplier, String)
     */
    public <S extends TelemetryIngress & ConsoleBridge & TelemetryPort> SimulationLoop(SimulationConfig config,
            S sink, LongSupplier ticker) {
        this(config, sink, ticker, ProviderInfo.UNKNOWN);
    }

    /**
     * Builds the town and sets the sink's runtime variant to {@code config.runtimeVariant()}. Starts nothing.
     *
     * @param config        the simulation block
     * @param sink          the telemetry sink (any {@code TelemetrySink})
     * @param ticker        monotonic nanoseconds, e.g. {@code System::nanoTime}; used for durations only
     * @param telemetryName the telemetry provider or transport name reported by {@link #providerInfo()}
     */
    public <S extends TelemetryIngress & ConsoleBridge & TelemetryPort> SimulationLoop(SimulationConfig config,
            S sink, LongSupplier ticker, String telemetryName) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sink, "sink");
        this.ingress = sink;
        this.console = sink;
        this.port = sink;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.providerInfo = new ProviderInfo(ProviderInfo.TOWN, ProviderInfo.SCRIPTED,
                Objects.requireNonNull(telemetryName, "telemetryName"));
        this.town = Town.create(config.townSettings());
        this.router = new ConsoleRouter(sink, ticker);
        this.healthMonitor = new HealthMonitor(sink, MONITOR_WINDOW);
        this.identity = new PolicyIdentity(CONFIG_ID, town.policyHash(), town.observationVariant(), null);
        sink.setRuntimeVariant(config.runtimeVariant());
    }

    /** Runs {@link SimulationConfig#ticks()} ticks; see {@link #run(long)}. */
    public long run() {
        return run(config.ticks());
    }

    /**
     * Starts the sink, runs up to {@code ticks} steps, and stops the sink in {@code finally}, also when a step
     * fails. Returns early, after the current tick, once {@link #requestStop()} has been called (a stop request is
     * final: a later run returns at once).
     *
     * @return the number of ticks completed
     * @throws SimulationLoopException when a step fails
     */
    public long run(long ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("ticks must be >= 0; got " + ticks);
        }
        port.start();
        long completed = 0;
        try {
            while (completed < ticks && !stopRequested) {
                step();
                completed++;
            }
        } finally {
            port.stop();
        }
        return completed;
    }

    /**
     * Runs one tick, SPEC §18 steps 1–12. Does not start or stop the sink.
     *
     * @throws SimulationLoopException when steps 2–11 throw, after emitting {@code loop.failure}
     */
    public void step() {
        long started = ticker.getAsLong();
        List<ConsoleCommand> commands = console.drainConsoleBuffer();
        long current = tick + 1;
        tick = current;
        HealthSummary summary;
        try {
            summary = advance(current, started, commands);
        } catch (RuntimeException failure) {
            throw fail(current, started, failure);
        }
        if (current % HEALTH_LOG_EVERY_TICKS == 0) {
            logHealth(current, summary);
        }
    }

    /** Steps 2–11; returns the health summary of the tick for the periodic log. */
    private HealthSummary advance(long current, long started, List<ConsoleCommand> commands) {
        // 2. the world advances
        town.advance(current);
        // 3. console results
        router.execute(commands, current);
        // 4. rewards, policy snapshot, possession, option switches, stability inputs
        Rewards rewards = town.rewards();
        Map<String, Map<String, Object>> policySnapshot = town.policySnapshot();
        List<String> possessed = List.of();
        Map<String, Long> switches = town.optionSwitchCounts();
        StabilityInputs inputs = new StabilityInputs(town.hungerLevels(), switches, rewards.totals());
        // 5. health metrics
        healthMonitor.record(current, town.events().size(), town.waitingAgents());
        // 6. stability, promotion, anneal context
        Map<String, Object> stabilityMetrics = stability.update(new StabilityMonitor.TickFacts(current,
                town.starvationIncidents(), town.queueMetrics(), town.rivalryEvents().size(),
                town.meanLateness()), inputs);
        Map<String, Object> annealContext = JsonMaps.of(
                "anneal_ratio", null,
                "blend_enabled", false,
                "commit_state", town.commitState(),
                "option_commit_ticks", town.optionCommitTicks(),
                "possessed_agents", possessed);
        // 7. policy events that changed
        Map<String, Object> metadata = JsonMaps.of(
                "identity", identity.toMap(),
                "possessed_agents", possessed,
                "option_switch_counts", switches,
                "anneal_ratio", null);
        emitPolicyEvents(current, new PolicyMetadata(ProviderInfo.SCRIPTED, metadata),
                new PolicyPossession(ProviderInfo.SCRIPTED, possessed),
                new PolicyAnneal(ProviderInfo.SCRIPTED, null, annealContext));
        // 8. loop.tick
        Perturbations perturbations = town.perturbations();
        LoopTick payload = LoopTick.builder()
                .world(town.worldView())
                .rewards(rewards.totals())
                .events(town.events())
                .socialEvents(town.socialEvents())
                .rewardBreakdown(rewards.breakdown())
                .policySnapshot(policySnapshot)
                .stabilityInputs(inputs)
                .perturbations(perturbations)
                .policyIdentity(identity)
                .policyMetadata(metadata)
                .possessedAgents(possessed)
                .annealContext(annealContext)
                .runtimeVariant(config.runtimeVariant())
                .observationEnvelope(town.observationEnvelope())
                .build();
        ingress.emitEvent(TelemetryEvent.loopTick(current, payload));
        // 9. stability.metrics
        ingress.emitEvent(TelemetryEvent.stabilityMetrics(current, new StabilityMetrics(stabilityMetrics)));
        // 10. health payload
        double durationMs = elapsedMs(started);
        TransportStatus transport = port.transportStatus();
        HealthSummary summary = summary(durationMs, transport, perturbations);
        // 11. loop.health completes the tick
        ingress.emitEvent(TelemetryEvent.loopHealth(current, LoopHealth.ok(durationMs, failureCount, transport,
                summary)));
        return summary;
    }

    private void emitPolicyEvents(long current, PolicyMetadata metadata, PolicyPossession possession,
            PolicyAnneal anneal) {
        if (!metadata.equals(lastMetadata)) {
            ingress.emitEvent(TelemetryEvent.policyMetadata(current, metadata));
            lastMetadata = metadata;
        }
        if (!possession.equals(lastPossession)) {
            ingress.emitEvent(TelemetryEvent.policyPossession(current, possession));
            lastPossession = possession;
        }
        if (!anneal.equals(lastAnneal)) {
            ingress.emitEvent(TelemetryEvent.policyAnneal(current, anneal));
            lastAnneal = anneal;
        }
    }

    /** The failure path of SPEC §18; returns the exception for the caller to throw. */
    private SimulationLoopException fail(long failedTick, long started, RuntimeException cause) {
        tick = Math.max(0, failedTick - 1);
        failureCount++;
        SimulationLoopException failure = new SimulationLoopException(failedTick, cause);
        double durationMs = elapsedMs(started);
        try {
            TransportStatus transport = port.transportStatus();
            // Failure snapshots (snapshot.capture_on_failure) and failure handlers: Next: issue town simulation.
            LoopFailure payload = new LoopFailure(durationMs, failureCount, LoopFailure.describe(cause), null,
                    summary(durationMs, transport, Perturbations.EMPTY));
            ingress.emitEvent(TelemetryEvent.loopFailure(failedTick, payload));
        } catch (RuntimeException reportFailure) {
            LOG.log(System.Logger.Level.ERROR, "loop.failure could not be emitted (tick=" + failedTick + ")",
                    reportFailure);
            failure.addSuppressed(reportFailure);
        }
        return failure;
    }

    private HealthSummary summary(double durationMs, TransportStatus transport, Perturbations perturbations) {
        return HealthSummary.builder()
                .durationMs(durationMs)
                .queueLength(transport.queueLength())
                .droppedMessages(transport.droppedMessages())
                .lastFlushDurationMs(transport.lastFlushDurationMs())
                .payloadsFlushedTotal(transport.payloadsFlushedTotal())
                .bytesFlushedTotal(transport.bytesFlushedTotal())
                .authEnabled(transport.authEnabled())
                .workerAlive(transport.workerAlive())
                .workerError(transport.workerError())
                .workerRestartCount(transport.workerRestartCount())
                .perturbationsPending(perturbations.pending().size())
                .perturbationsActive(perturbations.active().size())
                .employmentExitQueue(town.exitQueueLength())
                .build();
    }

    private void logHealth(long current, HealthSummary summary) {
        LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT,
                "tick_health tick=%d duration_ms=%.2f queue=%d dropped=%d flush_ms=%.2f payloads_total=%d "
                        + "bytes_total=%d perturbations_pending=%d perturbations_active=%d exit_queue=%d",
                current, summary.durationMs(), summary.queueLength(), summary.droppedMessages(),
                summary.lastFlushDurationMs() == null ? 0.0 : summary.lastFlushDurationMs(),
                summary.payloadsFlushedTotal(), summary.bytesFlushedTotal(), summary.perturbationsPending(),
                summary.perturbationsActive(), summary.employmentExitQueue()));
    }

    private double elapsedMs(long started) {
        return Math.max(0L, ticker.getAsLong() - started) / 1_000_000.0;
    }

    /** Asks {@link #run} to return after the current tick. Callable from any thread; idempotent and final. */
    public void requestStop() {
        stopRequested = true;
    }

    /** The last completed (or, during a step, current) tick; 0 before the first. Callable from any thread. */
    public long currentTick() {
        return tick;
    }

    /** The world, policy and telemetry names this loop runs with. */
    public ProviderInfo providerInfo() {
        return providerInfo;
    }

    /** The configuration this loop was built with. */
    public SimulationConfig config() {
        return config;
    }
}
