package org.townlet.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.townlet.telemetry.api.event.ManualNarration;
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
import org.townlet.telemetry.api.sink.TelemetryInspector;
import org.townlet.telemetry.api.sink.TelemetryPort;
import org.townlet.telemetry.api.sink.TelemetryReadModel;
import org.townlet.telemetry.api.sink.TelemetryStateIO;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.HealthSummary;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * Runs the town and hands the telemetry sink what happened, every tick, in the order of SPEC §18: console commands
 * drained; the world advanced (world-changing console commands first, story announcements narrated through the sink);
 * console results; health metrics; policy events that changed; {@code loop.tick}; {@code stability.metrics};
 * {@code loop.health}. A step that throws emits {@code loop.failure} and ends the run with a
 * {@link SimulationLoopException}.
 *
 * <p>The sink is taken through the three roles the loop drives ({@link TelemetryIngress}, {@link ConsoleBridge},
 * {@link TelemetryPort}); any {@code TelemetrySink} qualifies. When the sink is also a {@link TelemetryReadModel}
 * (every {@code TelemetrySink} is), the console answers {@code telemetry_snapshot} and the relationship commands
 * from it; a {@link TelemetryInspector} (given to the constructor, or the sink itself when it is one) supplies the
 * supplementary reads of that snapshot and the telemetry state of simulation snapshots. Time is read only from the
 * injected nanosecond ticker, and only for durations: nothing measured reaches the world, so the same seed and config
 * give the same {@code loop.tick} payloads.
 *
 * <p>Simulation snapshots (SPEC §17.9): {@link #saveSnapshot(Path)} writes the world, its random streams and the
 * sink's exported telemetry state as one JSON file; {@link #loadSnapshot(Path)} puts them back, so a run continued
 * from a snapshot produces the same ticks as one that never stopped. With {@code snapshot.capture_on_failure} a
 * failed step writes one under {@code snapshot.root} and reports its path in {@code loop.failure}.
 *
 * <p>Threads: {@link #run}, {@link #step} and the constructor belong to one simulation thread. {@link #requestStop},
 * {@link #currentTick} and {@link #providerInfo} may be called from any thread (a shutdown hook, a progress reporter).
 */
public final class SimulationLoop {
    private static final System.Logger LOG = System.getLogger(SimulationLoop.class.getName());
    /** The snapshot format this release writes and reads. */
    static final int SNAPSHOT_VERSION = 1;
    private static final DateTimeFormatter FAILURE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss",
            Locale.ROOT);

    private final SimulationConfig config;
    private final TelemetryIngress ingress;
    private final ConsoleBridge console;
    private final TelemetryPort port;
    private final LongSupplier ticker;
    private final ProviderInfo providerInfo;
    private final Town town;
    private final ConsoleRouter router;
    private final HealthMonitor healthMonitor;
    private final StabilityMonitor stability;
    private final PolicyIdentity identity;
    /** {@code identity} as a JSON map, built once: the policy metadata carries the same object every tick. */
    private final Map<String, Object> identityMap;
    private final TelemetryInspector inspector;
    private final TelemetryStateIO stateIO;

    private volatile long tick;
    private volatile boolean stopRequested;
    private long failureCount;
    private PolicyMetadata lastMetadata;
    private PolicyPossession lastPossession;
    private PolicyAnneal lastAnneal;
    private Map<String, Object> annealContextMap;
    private Map<String, Object> metadataMap;

    /**
     * A loop whose telemetry provider is reported as {@value ProviderInfo#UNKNOWN}.
     *
     * @see #SimulationLoop(SimulationConfig, TelemetryIngress, LongSupplier, String, TelemetryInspector)
     */
    public <S extends TelemetryIngress & ConsoleBridge & TelemetryPort> SimulationLoop(SimulationConfig config,
            S sink, LongSupplier ticker) {
        this(config, sink, ticker, ProviderInfo.UNKNOWN, null);
    }

    /**
     * A loop without a telemetry inspector.
     *
     * @see #SimulationLoop(SimulationConfig, TelemetryIngress, LongSupplier, String, TelemetryInspector)
     */
    public <S extends TelemetryIngress & ConsoleBridge & TelemetryPort> SimulationLoop(SimulationConfig config,
            S sink, LongSupplier ticker, String telemetryName) {
        this(config, sink, ticker, telemetryName, null);
    }

    /**
     * Builds the town and sets the sink's runtime variant to {@code config.runtimeVariant()}. Starts nothing.
     *
     * @param config          the simulation configuration
     * @param sink            the telemetry sink (any {@code TelemetrySink})
     * @param ticker          monotonic nanoseconds, e.g. {@code System::nanoTime}; used for durations only
     * @param telemetryName   the telemetry provider or transport name reported by {@link #providerInfo()}
     * @param inspectorOrNull the sink's supplementary reads, for the console's {@code telemetry_snapshot}; may be null
     */
    public <S extends TelemetryIngress & ConsoleBridge & TelemetryPort> SimulationLoop(SimulationConfig config,
            S sink, LongSupplier ticker, String telemetryName, TelemetryInspector inspectorOrNull) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sink, "sink");
        this.ingress = sink;
        this.console = sink;
        this.port = sink;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.providerInfo = new ProviderInfo(ProviderInfo.TOWN, ProviderInfo.SCRIPTED,
                Objects.requireNonNull(telemetryName, "telemetryName"));
        this.town = Town.create(config.townSettings());
        TelemetryReadModel readModel = sink instanceof TelemetryReadModel reads ? reads : null;
        this.inspector = inspectorOrNull != null ? inspectorOrNull
                : sink instanceof TelemetryInspector own ? own : null;
        this.stateIO = sink instanceof TelemetryStateIO io ? io : null;
        this.router = new ConsoleRouter(town, sink, sink, sink, readModel, inspector, ticker);
        this.healthMonitor = new HealthMonitor(sink, (int) config.monitor().window());
        this.stability = new StabilityMonitor(config.stability());
        this.identity = new PolicyIdentity(config.configId(), town.policyHash(), town.observationVariant(), null);
        this.identityMap = identity.toMap();
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
        if (current % config.monitor().healthLogEveryTicks() == 0) {
            logHealth(current, summary);
        }
    }

    /** Steps 2–11; returns the health summary of the tick for the periodic log. */
    private HealthSummary advance(long current, long started, List<ConsoleCommand> commands) {
        // 2. the world advances: console operations first, then the town; story announcements are narrated
        List<ConsoleRouter.Pending> pending = router.prepare(commands);
        town.advance(current);
        for (Town.Announcement announcement : town.announcements()) {
            ingress.emitManualNarration(ManualNarration.builder(announcement.message())
                    .category(announcement.category())
                    .priority(announcement.priority())
                    .tick(current)
                    .build());
        }
        // 3. console results
        router.emit(pending, current);
        // 4. rewards, policy snapshot, possession, option switches, stability inputs
        Rewards rewards = town.rewards();
        Map<String, Map<String, Object>> policySnapshot = town.policySnapshot();
        List<String> possessed = town.possessedAgents();
        Map<String, Long> switches = town.optionSwitchCounts();
        StabilityInputs inputs = new StabilityInputs(town.hungerLevels(), switches, rewards.totals());
        // 5. health metrics
        healthMonitor.record(current, town.events().size(), town.waitingAgents());
        // 6. stability, promotion, anneal context
        Map<String, Object> stabilityMetrics = stability.update(new StabilityMonitor.TickFacts(current,
                town.starvationIncidents(), town.queueMetrics(), town.rivalryEvents().size(),
                town.meanLateness()), inputs);
        Map<String, Object> annealContext = annealContext(town.commitState(), possessed);
        // 7. policy events that changed
        Map<String, Object> metadata = metadata(possessed, switches);
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

    /**
     * The anneal context of this tick; the previous map while its parts are the same objects (the town keeps them
     * while unchanged), so the telemetry worker recognises it by identity.
     */
    private Map<String, Object> annealContext(Map<String, Long> commitState, List<String> possessed) {
        if (annealContextMap == null || annealContextMap.get("commit_state") != commitState
                || annealContextMap.get("possessed_agents") != possessed) {
            annealContextMap = JsonMaps.of(
                    "anneal_ratio", null,
                    "blend_enabled", false,
                    "commit_state", commitState,
                    "option_commit_ticks", town.optionCommitTicks(),
                    "possessed_agents", possessed);
        }
        return annealContextMap;
    }

    /** The policy metadata of this tick; the previous map while its parts are the same objects. */
    private Map<String, Object> metadata(List<String> possessed, Map<String, Long> switches) {
        if (metadataMap == null || metadataMap.get("possessed_agents") != possessed
                || metadataMap.get("option_switch_counts") != switches) {
            metadataMap = JsonMaps.of(
                    "identity", identityMap,
                    "possessed_agents", possessed,
                    "option_switch_counts", switches,
                    "anneal_ratio", null);
        }
        return metadataMap;
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
            String snapshotPath = captureFailureSnapshot(failedTick, failure);
            LoopFailure payload = new LoopFailure(durationMs, failureCount, LoopFailure.describe(cause),
                    snapshotPath, summary(durationMs, transport, Perturbations.EMPTY));
            ingress.emitEvent(TelemetryEvent.loopFailure(failedTick, payload));
        } catch (RuntimeException reportFailure) {
            LOG.log(System.Logger.Level.ERROR, "loop.failure could not be emitted (tick=" + failedTick + ")",
                    reportFailure);
            failure.addSuppressed(reportFailure);
        }
        return failure;
    }

    /** Writes the failure snapshot when configured; returns its path, or null (a failure to write is suppressed). */
    private String captureFailureSnapshot(long failedTick, SimulationLoopException failure) {
        if (!config.snapshot().captureOnFailure()) {
            return null;
        }
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(FAILURE_STAMP);
        Path file = Path.of(config.snapshot().root(), "failures",
                String.format(Locale.ROOT, "tick_%09d_%s", failedTick, stamp), "snapshot.json");
        try {
            return saveSnapshot(file).toString();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "failure snapshot could not be written (tick=" + failedTick + ", path="
                    + file + ")", e);
            failure.addSuppressed(e);
            return null;
        }
    }

    /**
     * Writes a simulation snapshot to {@code path} (SPEC §17.9), replacing any file there: first
     * {@code updatePolicyIdentity}, then {@code {snapshot_version:1, tick, seed, rng, world, telemetry}}, where
     * {@code telemetry} is the sink's {@code exportState()}. Call between steps, on the simulation thread. The file is
     * written next to its final name and moved into place, so a reader never sees half a snapshot.
     *
     * @return {@code path}
     * @throws IllegalStateException if the loop has no {@link TelemetryInspector} to export the telemetry state
     * @throws IOException           when the file cannot be written
     */
    public Path saveSnapshot(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        if (inspector == null) {
            throw new IllegalStateException("saving a snapshot needs the sink's TelemetryInspector (exportState); "
                    + "this loop was given none");
        }
        ingress.updatePolicyIdentity(identity);
        Map<String, Object> world = JsonMaps.of(
                "config_id", config.configId(),
                "scenario", config.scenario(),
                "failure_count", failureCount,
                "town", town.exportState(),
                "stability", stability.exportState(),
                "health", healthMonitor.exportState());
        Map<String, Object> snapshot = JsonMaps.of(
                "snapshot_version", (long) SNAPSHOT_VERSION,
                "tick", town.tick(),
                "seed", config.seed(),
                "rng", town.exportRandom(),
                "world", world,
                "telemetry", Json.value(inspector.exportState()));
        Path absolute = path.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        Files.writeString(partial, Json.write(snapshot) + "\n", StandardCharsets.UTF_8);
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return path;
    }

    /**
     * Restores a snapshot written by {@link #saveSnapshot(Path)} for the same configuration (SPEC §17.9): the world and
     * its random streams, then the sink's telemetry state ({@code importState}, when the sink has that role), then
     * {@code stability.metrics} (with {@code promotion_state}) for the snapshot's tick, then
     * {@code updatePolicyIdentity}; finally the loop's tick. Version 1 needs no migrations, so no
     * {@code telemetry.snapshot.migrations} is emitted. Call between steps, on the simulation thread.
     *
     * @throws IllegalArgumentException for another {@code snapshot_version}, or a snapshot that does not fit this
     *                                  configuration (the message names the key)
     * @throws IOException              when the file cannot be read
     */
    @SuppressWarnings("unchecked")
    public void loadSnapshot(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        Object parsed = Json.parse(Files.readString(path, StandardCharsets.UTF_8));
        if (!(parsed instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("snapshot " + path + " is not a JSON object");
        }
        Map<String, Object> snapshot = (Map<String, Object>) parsed;
        Object version = snapshot.get("snapshot_version");
        if (!(version instanceof Long number) || number != SNAPSHOT_VERSION) {
            throw new IllegalArgumentException("unsupported snapshot_version " + version + "; supported: "
                    + SNAPSHOT_VERSION);
        }
        Map<String, Object> world = (Map<String, Object>) require(snapshot, "world");
        town.importState((Map<String, Object>) require(world, "town"));
        town.importRandom((Map<String, Object>) require(snapshot, "rng"));
        stability.importState((Map<String, Object>) require(world, "stability"));
        healthMonitor.importState((List<Object>) require(world, "health"));
        failureCount = ((Number) require(world, "failure_count")).longValue();
        long restoredTick = town.tick();
        TelemetryStateSnapshot telemetry = (TelemetryStateSnapshot) Json.bind(require(snapshot, "telemetry"),
                TelemetryStateSnapshot.class);
        if (stateIO != null) {
            stateIO.importState(telemetry);
        }
        ingress.emitEvent(TelemetryEvent.stabilityMetrics(restoredTick,
                new StabilityMetrics(stability.lastMetrics())));
        ingress.updatePolicyIdentity(identity);
        lastMetadata = null;
        lastPossession = null;
        lastAnneal = null;
        tick = restoredTick;
    }

    private static Object require(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("snapshot key '" + key + "' is missing");
        }
        return value;
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

    /** The town this loop runs; simulation thread only (tests and tools read its views between steps). */
    Town town() {
        return town;
    }
}
