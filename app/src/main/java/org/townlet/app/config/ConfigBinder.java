package org.townlet.app.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.townlet.app.config.ConfigNode.ListNode;
import org.townlet.app.config.ConfigNode.MapNode;
import org.townlet.sim.SimulationConfig;
import org.townlet.sim.config.SimulationSettings;
import org.townlet.telemetry.core.config.TelemetryConfigException;
import org.townlet.telemetry.core.console.ConsoleSettings;
import org.townlet.telemetry.core.narration.NarrationSettings;
import org.townlet.telemetry.core.narration.PersonalityNarrationSettings;
import org.townlet.telemetry.core.narration.RelationshipNarrationSettings;
import org.townlet.telemetry.core.publish.PublisherSettings;
import org.townlet.telemetry.core.transform.TransformPipeline;
import org.townlet.telemetry.core.transform.TransformPipelineParser;
import org.townlet.telemetry.core.worker.BackpressureStrategy;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Binds a parsed document onto {@link TownletConfig}: every key of SPEC §15.1, §15.2 and the {@code simulation} block
 * of §17.7, with its default and bounds, declared once here. All errors are collected; unknown keys are rejected at
 * every level. Single-threaded; one binder per load.
 */
final class ConfigBinder {
    /** Transform ids of SPEC §10. */
    static final List<String> TRANSFORM_IDS =
            List.of("ensure_fields", "redact_fields", "schema_validator", "snapshot_normalizer");
    /** Transports the spec names for later releases: rejected as "not installed" rather than unknown. */
    static final Set<String> LATER_TRANSPORTS = Set.of("http", "kafka", "prometheus", "websocket");
    /** Largest {@code simulation.ticks}. */
    static final long MAX_TICKS = 1_000_000_000_000L;

    private final Map<String, TransportFactory<?>> installed;
    private final Path baseDir;
    private final Problems problems;
    private final ConfigReference reference;
    private ObjectNode effective;

    ConfigBinder(Map<String, TransportFactory<?>> installed, Path baseDir, Problems problems,
                 ConfigReference reference) {
        this.installed = new TreeMap<>(installed);
        this.baseDir = baseDir;
        this.problems = problems;
        this.reference = reference;
    }

    /** The effective values of the last {@link #bind}, defaults filled in. */
    ObjectNode effective() {
        return effective;
    }

    /** Binds {@code root}; returns {@code null} when errors were reported. */
    TownletConfig bind(MapNode root) {
        Section r = Section.root(root, problems, reference);
        effective = r.effective();
        String configId = r.text("config_id", PublisherSettings.DEFAULT_CONFIG_ID, "a non-blank string",
                "the default policy_identity.config_id of the frames");
        RuntimeConfig runtime = bindRuntime(r.block("runtime", "the providers the application wires"));
        TelemetryConfig telemetry = bindTelemetry(r.block("telemetry", "the telemetry pipeline (SPEC §15.1)"));
        ConsoleAuthConfig consoleAuth = bindConsoleAuth(r.block("console_auth",
                "tokens that console commands must carry; feeds the status key auth_enabled"));
        SimulationConfig simulation = bindSimulation(r, configId);
        r.finish();
        if (problems.count() > 0) {
            return null;
        }
        return construct(root.origin(), "", () -> new TownletConfig(configId, runtime, telemetry, consoleAuth,
                simulation));
    }

    // ================================================================================================ runtime

    private RuntimeConfig bindRuntime(Section runtime) {
        Section telemetry = runtime.block("telemetry", "the telemetry provider");
        String provider = telemetry.text("provider", RuntimeConfig.DEFAULTS.telemetryProvider(),
                "one of " + String.join(", ", RuntimeConfig.PROVIDERS),
                "stdout, default, publisher: the publisher with telemetry.transport; stub, none: the stub sink");
        if (!RuntimeConfig.PROVIDERS.contains(provider)) {
            telemetry.error("provider", "Unknown telemetry provider '" + provider + "'. Known providers: "
                    + RuntimeConfig.PROVIDERS, null, null);
            provider = RuntimeConfig.DEFAULTS.telemetryProvider();
        }
        ConfigNode options = telemetry.raw("options", "map", "{}", "must be empty",
                "provider options (none are supported)");
        if (options == null) {
            telemetry.effective().set("options", ConfigNode.JSON.objectNode());
        } else if (!(options instanceof MapNode map && map.members().isEmpty())) {
            telemetry.error("options", "provider options are not supported", options.describe(), "{}");
        }
        telemetry.finish();
        runtime.finish();
        return new RuntimeConfig(provider);
    }

    // ================================================================================================ telemetry

    private TelemetryConfig bindTelemetry(Section t) {
        boolean diff = t.bool("diff_enabled", PublisherSettings.DEFAULT_DIFF_ENABLED,
                "send diffs between keyframes (false: every frame is a snapshot)");
        long keyframe = t.integer("keyframe_interval_ticks", PublisherSettings.DEFAULT_KEYFRAME_INTERVAL_TICKS, 0,
                TelemetryConfig.MAX_KEYFRAME_INTERVAL_TICKS, "0 = forced keyframes only",
                "a periodic keyframe (full snapshot) every N ticks");
        boolean failOnIngest = t.bool("fail_on_ingest_error", PublisherSettings.DEFAULT_FAIL_ON_INGEST_ERROR,
                "rethrow the first ingestion error of an event instead of counting it; ingestion (and derivation) "
                        + "then happens on the emitting thread instead of by the first reader");
        TransportConfig transport = new TransportBinder(t.block("transport",
                "where frames go, and how they are buffered and retried"), installed, problems).bind();
        WorkerConfig worker = bindWorker(t.block("worker", "the pipeline worker: backpressure, restarts, stop"));
        NarrationSettings narration = bindNarration(t.block("narration", "the narration rate limiter"));
        RelationshipNarrationSettings relationship = bindRelationshipNarration(t.block("relationship_narration",
                "thresholds of generated relationship narrations"));
        PersonalityNarrationSettings personality = bindPersonalityNarration(t.block("personality_narration",
                "thresholds of generated personality narrations"));
        TransformPipeline transforms = bindTransforms(t.block("transforms", "the frame transform pipeline (SPEC §10)"));
        Section console = t.block("console", "the console");
        String audit = console.text("audit_path", null, "relative to the configuration file's directory",
                "append console commands and results to this file; null = off");
        long auditQueue = console.integer("audit_queue_capacity", ConsoleSettings.DEFAULT_AUDIT_QUEUE_CAPACITY, 1,
                100_000, "", "results waiting for the audit writer; beyond it a result is counted, not audited");
        console.finish();
        t.finish();
        if (problems.count() > 0) {
            return null;
        }
        ConsoleSettings consoleSettings = construct(console.node().origin(), console.path(), () ->
                ConsoleSettings.builder().auditPath(audit == null ? null : baseDir.resolve(audit).normalize())
                        .auditQueueCapacity((int) auditQueue).build());
        return construct(t.node().origin(), t.path(), () -> new TelemetryConfig(diff, keyframe, failOnIngest,
                transport, worker, narration, relationship, personality, transforms, consoleSettings));
    }

    private WorkerConfig bindWorker(Section w) {
        WorkerConfig d = WorkerConfig.DEFAULTS;
        String backpressure = w.choice("backpressure", d.backpressure().configName(),
                List.of("drop_oldest", "block", "fan_out"), "what the producer does when the buffer is full; when unset,"
                        + " an unpaced townlet run (no --tick-rate) uses block with block_timeout_seconds "
                        + (long) WorkerConfig.MAX_BLOCK_TIMEOUT_SECONDS + " (unless set)");
        double blockTimeout = w.decimal("block_timeout_seconds", d.blockTimeoutSeconds(),
                WorkerConfig.MIN_BLOCK_TIMEOUT_SECONDS, WorkerConfig.MAX_BLOCK_TIMEOUT_SECONDS, "",
                "longest a block producer waits for space before dropping the oldest");
        long restartLimit = w.integer("restart_limit", d.restartLimit(), 1, WorkerConfig.MAX_RESTART_LIMIT, "",
                "worker restarts allowed within the window");
        long restartWindow = w.integer("restart_window_seconds", d.restartWindowSeconds(), 1,
                WorkerConfig.MAX_RESTART_WINDOW_SECONDS, "", "the sliding window of the restart budget");
        double stopTimeout = w.decimal("stop_timeout_seconds", d.stopTimeoutSeconds(),
                WorkerConfig.MIN_STOP_TIMEOUT_SECONDS, WorkerConfig.MAX_STOP_TIMEOUT_SECONDS, "",
                "how long stop drains the buffer; an interrupted run exits within this plus 2 s");
        w.finish();
        return construct(w.node().origin(), w.path(), () -> new WorkerConfig(
                BackpressureStrategy.fromConfigName(backpressure), blockTimeout, (int) restartLimit, restartWindow,
                stopTimeout));
    }

    private NarrationSettings bindNarration(Section n) {
        NarrationSettings d = NarrationSettings.DEFAULTS;
        long cooldown = n.integer("global_cooldown_ticks", d.globalCooldownTicks(), 0, 10_000, "",
                "ticks between two narrations of any category");
        Map<String, Long> categories = n.integerMap("category_cooldown_ticks", 0, 10_000, "category → ticks",
                "ticks between two narrations of one category");
        long dedupe = n.integer("dedupe_window_ticks", d.dedupeWindowTicks(), 0, 10_000, "",
                "an identical narration within this many ticks is dropped");
        long windowTicks = n.integer("global_window_ticks", d.globalWindowTicks(), 1, 10_000, "",
                "the sliding window of the global limit");
        long windowLimit = n.integer("global_window_limit", d.globalWindowLimit(), 1, 1_000, "",
                "narrations allowed per window");
        List<String> priority = n.textList("priority_categories", "category names",
                "categories that bypass the cooldowns");
        n.finish();
        return construct(n.node().origin(), n.path(), () -> new NarrationSettings(cooldown, categories, dedupe,
                windowTicks, windowLimit, priority));
    }

    private RelationshipNarrationSettings bindRelationshipNarration(Section s) {
        RelationshipNarrationSettings d = RelationshipNarrationSettings.DEFAULTS;
        double trust = s.decimal("friendship_trust_threshold", d.friendshipTrustThreshold(), -1, 1, "",
                "trust above which a friendship is narrated");
        double delta = s.decimal("friendship_delta_threshold", d.friendshipDeltaThreshold(), 0, 2, "",
                "smallest trust change that is narrated");
        double priority = s.decimal("friendship_priority_threshold", d.friendshipPriorityThreshold(), -1, 1,
                "≥ friendship_trust_threshold", "trust above which the narration is a priority");
        double avoid = s.decimal("rivalry_avoid_threshold", d.rivalryAvoidThreshold(), 0, 1, "",
                "rivalry above which avoidance is narrated");
        double escalation = s.decimal("rivalry_escalation_threshold", d.rivalryEscalationThreshold(), 0, 1,
                "≥ rivalry_avoid_threshold", "rivalry above which an escalation is narrated");
        s.finish();
        boolean ok = true;
        if (priority < trust) {
            crossField(s, "friendship_priority_threshold", "friendship_trust_threshold", trust, priority, 1);
            ok = false;
        }
        if (escalation < avoid) {
            crossField(s, "rivalry_escalation_threshold", "rivalry_avoid_threshold", avoid, escalation, 1);
            ok = false;
        }
        if (!ok) {
            return d;
        }
        return construct(s.node().origin(), s.path(), () -> new RelationshipNarrationSettings(trust, delta, priority,
                avoid, escalation));
    }

    private static void crossField(Section s, String key, String other, double otherValue, double value, double max) {
        String at = s.given(key) ? key : other;
        s.error(at, s.keyPath(key) + " must be >= " + other + " (" + Section.number(otherValue) + ")",
                Section.number(value), other + "–" + Section.number(max));
    }

    private PersonalityNarrationSettings bindPersonalityNarration(Section s) {
        PersonalityNarrationSettings d = PersonalityNarrationSettings.DEFAULTS;
        boolean enabled = s.bool("enabled", d.enabled(), "generate personality narrations");
        double extroversion = s.decimal("chat_extroversion_threshold", d.chatExtroversionThreshold(), -1, 1, "",
                "extroversion above which a chat is narrated");
        double chatPriority = s.decimal("chat_priority_threshold", d.chatPriorityThreshold(), -1, 1, "",
                "extroversion above which a chat narration is a priority");
        double quality = s.decimal("chat_quality_threshold", d.chatQualityThreshold(), 0, 1, "",
                "chat quality above which a chat is narrated");
        double tolerance = s.decimal("conflict_tolerance_threshold", d.conflictToleranceThreshold(), 0, 5, "",
                "conflict tolerance below which a conflict is narrated");
        s.finish();
        return construct(s.node().origin(), s.path(), () -> new PersonalityNarrationSettings(enabled, extroversion,
                chatPriority, quality, tolerance));
    }

    /**
     * Parses the pipeline with telemetry-core's parser (SPEC §10.3): ids, options, order, schema files (relative to
     * the configuration file's directory). Its error names a key path inside the pipeline; it is reported at that
     * entry's position.
     */
    private TransformPipeline bindTransforms(Section s) {
        ConfigNode pipeline = s.raw("pipeline", "list", "[] (the default pipeline of SPEC §10.2)",
                "entries: an id, {id: …, options: {…}}, {id: …, <option>: …} or {<id>: {…}}; ids "
                        + String.join(", ", TRANSFORM_IDS) + "; a non-empty list replaces the default pipeline",
                "the transforms, in order: section transforms (snapshot_normalizer, redact_fields) before frame "
                        + "transforms (ensure_fields, schema_validator)");
        s.finish();
        String key = s.keyPath("pipeline");
        try {
            return new TransformPipelineParser(key, baseDir).parse(pipeline == null ? null : pipeline.toJson());
        } catch (TelemetryConfigException e) {
            String keyPath = e.keyPath() == null ? key : e.keyPath();
            ConfigNode at = pipeline == null ? null : keyPath.startsWith(key)
                    ? ConfigNode.find(pipeline, keyPath.substring(key.length())) : null;
            // The parser may name an option that is absent; fall back to the nearest entry that exists.
            String probe = keyPath;
            while (at == null && pipeline != null && probe.length() > key.length()) {
                int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
                probe = probe.substring(0, Math.max(cut, key.length()));
                at = ConfigNode.find(pipeline, probe.substring(key.length()));
            }
            problems.add(at != null ? at.origin() : s.originOf("pipeline"), keyPath, e.problem(), null, null);
            return TransformPipeline.DEFAULT;
        }
    }

    // ================================================================================================ §15.2

    private ConsoleAuthConfig bindConsoleAuth(Section s) {
        boolean enabled = s.bool("enabled", false, "needs at least one token",
                "console commands must carry a valid token");
        ConfigNode tokens = s.raw("tokens", "list", "[]",
                "entries {token or token_env, role: viewer | admin (default viewer), label}",
                "the accepted tokens; token_env names an environment variable holding one");
        s.finish();
        List<ConsoleAuthConfig.Token> parsed = new ArrayList<>();
        if (tokens instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                ConsoleAuthConfig.Token token = bindToken(list.items().get(i), s.keyPath("tokens") + "[" + i + "]");
                if (token != null) {
                    parsed.add(token);
                }
            }
        } else if (tokens != null) {
            s.error("tokens", "must be a list", tokens.describe(), "a list of {token, role, label}");
        }
        // Never print secrets in the effective configuration.
        var masked = ConfigNode.JSON.arrayNode();
        for (ConsoleAuthConfig.Token token : parsed) {
            ObjectNode entry = masked.addObject();
            entry.put("token", token.token() == null ? null : "***");
            entry.put("token_env", token.tokenEnv());
            entry.put("role", token.role());
            entry.put("label", token.label());
        }
        s.effective().set("tokens", masked);
        if (enabled && parsed.isEmpty() && tokens == null) {
            s.error("enabled", "console_auth.enabled needs console_auth.tokens", "true", "at least one token");
            return ConsoleAuthConfig.DEFAULTS;
        }
        if (enabled && parsed.isEmpty()) {
            return ConsoleAuthConfig.DEFAULTS;
        }
        return new ConsoleAuthConfig(enabled, parsed);
    }

    private ConsoleAuthConfig.Token bindToken(ConfigNode node, String path) {
        if (!(node instanceof MapNode map)) {
            problems.add(node.origin(), path, "must be a mapping", node.describe(), "{token, role, label}");
            return null;
        }
        Section entry = Section.at(path, map, problems);
        String token = entry.text("token", null, "", "");
        String env = entry.text("token_env", null, "", "");
        String role = entry.choice("role", "viewer", List.of("viewer", "admin"), "");
        String label = entry.text("label", null, "", "");
        entry.finish();
        if (token == null && env == null) {
            problems.add(map.origin(), path, "needs token or token_env", null, "token: <secret>, or token_env: VAR");
            return null;
        }
        return new ConsoleAuthConfig.Token(token, env, role, label);
    }

    // ================================================================================================ simulation

    /**
     * The {@code simulation} block key by key (flags override single keys), then every other block of the engine
     * from the chosen scenario's preset with the file's keys laid over it ({@link SimulationBinder}).
     */
    private SimulationConfig bindSimulation(Section r, String configId) {
        Section s = r.block("simulation", "the town simulation (SPEC §17.7)");
        SimulationSettings d = SimulationSettings.DEFAULTS;
        long seed = s.anyInteger("seed", d.seed(), "the root seed of every random stream");
        String scenario = s.choice("scenario", d.scenario(), SimulationConfig.SCENARIOS,
                "a preset that supplies the defaults of the simulation's blocks, schedules and story beats");
        long agents = s.integer("agents", d.agents(), SimulationConfig.MIN_AGENTS, SimulationConfig.MAX_AGENTS,
                "default: the scenario's (8 for small_story)", "number of agents");
        List<String> names = s.textList("agent_names", "empty, or one unique name per agent",
                "agent ids instead of agent_0001, …");
        long ticks = s.integer("ticks", d.ticks(), 0, MAX_TICKS, "", "ticks a run simulates");
        long ticksPerDay = s.integer("ticks_per_day", d.ticksPerDay(), 1, SimulationConfig.MAX_TICKS_PER_DAY, "",
                "ticks in a simulated day");
        String variant = s.text("runtime_variant", d.runtimeVariant(), "a non-blank string",
                "reported as runtime_variant in every frame");
        s.finish();
        SimulationConfig.Builder builder = SimulationConfig.builder().scenario(scenario).configId(configId);
        if (s.givenAndValid("seed")) {
            builder.seed(seed);
        }
        if (s.givenAndValid("agents")) {
            builder.agents((int) agents);
        }
        if (s.givenAndValid("agent_names")) {
            builder.agentNames(names);
        }
        if (s.givenAndValid("ticks")) {
            builder.ticks(ticks);
        }
        if (s.givenAndValid("ticks_per_day")) {
            builder.ticksPerDay((int) ticksPerDay);
        }
        if (s.givenAndValid("runtime_variant")) {
            builder.runtimeVariant(variant);
        }
        SimulationBinder blocks = new SimulationBinder(problems);
        blocks.bindBlocks(r, SimulationConfig.preset(scenario), builder);
        if (problems.count() > 0) {
            return null;
        }
        SimulationConfig config;
        try {
            config = builder.build();
        } catch (IllegalArgumentException e) {
            blocks.reportCheck(s, e.getMessage());
            return null;
        }
        s.effective().setAll((ObjectNode) SimulationBinder.SIM.valueToTree(config.simulation()));
        return config;
    }

    // ================================================================================================ helpers

    /** Builds a record, reporting a check it fails (a safety net: the binder checks first) at the block. */
    private <T> T construct(Origin origin, String path, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            problems.add(origin, path, e.getMessage(), null, null);
            return null;
        }
    }

    /** Whether the path names a readable regular file. */
    static boolean readable(String path) {
        try {
            Path p = Path.of(path);
            return Files.isRegularFile(p) && Files.isReadable(p);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}
