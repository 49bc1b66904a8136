package org.townlet.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.townlet.sim.world.Town;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleError;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleMode;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.sink.ConsoleBridge;
import org.townlet.telemetry.api.sink.TelemetryIngress;
import org.townlet.telemetry.api.sink.TelemetryInspector;
import org.townlet.telemetry.api.sink.TelemetryPort;
import org.townlet.telemetry.api.sink.TelemetryReadModel;
import org.townlet.telemetry.api.status.TransportStatus;

/**
 * Executes the tick's console commands (SPEC §8.3, §17.8) in two phases that follow the §18 sequence:
 * {@link #prepare} runs in step 2, before the world advances, and applies the world-changing commands
 * ({@code employment_exit approve|defer}, {@code possess}, {@code release}, {@code utility_outage}); {@link #emit} runs
 * in step 3 and emits one {@code console.result} per command, in command order, computed against the advanced world
 * and the read models, then one per orphan result (an approved exit that completed on a later tick, carrying the
 * placeholder command {@code {name, args:[], kwargs:{}, cmd_id, issuer, mode:"viewer"}}).
 *
 * <p>Arguments come from {@code kwargs} by name or from {@code args} by position ({@code possess alice} or
 * {@code possess {agent: alice}}). Errors carry a code: {@code unknown_command} ({@code unknown command '<name>'}),
 * {@code invalid_args}, {@code unknown_agent}, {@code not_pending}, {@code forbidden} (a world-changing command without
 * {@code mode:"admin"} while the sink reports console auth enabled) and {@code unavailable} (no read models).
 *
 * <p>{@code telemetry_snapshot} answers from the sink's read models ({@link TelemetryReadModel}) and, for the
 * supplementary reads, its {@link TelemetryInspector} when the loop was given one (else their empty values). Simulation
 * thread only.
 */
final class ConsoleRouter {
    static final String UNKNOWN_COMMAND = "unknown_command";
    static final String INVALID_ARGS = "invalid_args";
    static final String UNKNOWN_AGENT = "unknown_agent";
    static final String NOT_PENDING = "not_pending";
    static final String FORBIDDEN = "forbidden";
    static final String UNAVAILABLE = "unavailable";
    static final String STUB_PROVIDER = "stub";

    /** The commands and what they do, in the order {@code help} lists them. */
    static final Map<String, Object> COMMANDS = JsonMaps.of(
            "help", "List the console commands.",
            "snapshot", "A summary of the world: agents, objects, queues, utilities, exits.",
            "telemetry_snapshot", "Every telemetry section, from the read models.",
            "announce_story", "Narrate a story line: {message, category?, priority?}.",
            "employment_exit", "Review, approve or defer employment exits: review|approve|defer {agent?}.",
            "relationship_summary", "Top friends and rivals per agent, and relationship churn.",
            "relationship_detail", "One agent's ties, the ties held to it and this tick's updates: {agent}.",
            "social_events", "The last 60 social events.",
            "possess", "Put an agent under console control (admin): {agent}.",
            "release", "Hand a possessed agent back to the scripted policy (admin): {agent}.",
            "utility_outage", "Cut power or water (admin): {utility, ticks}.");

    /** The telemetry-backed commands listed in {@code telemetry_snapshot.console_commands} (SPEC §8.3). */
    private static final Map<String, Object> TELEMETRY_COMMANDS = JsonMaps.of(
            "relationship_summary", COMMANDS.get("relationship_summary"),
            "relationship_detail", COMMANDS.get("relationship_detail"),
            "social_events", COMMANDS.get("social_events"),
            "announce_story", COMMANDS.get("announce_story"));

    private final Town town;
    private final TelemetryIngress ingress;
    private final TelemetryPort port;
    private final ConsoleBridge bridge;
    private final TelemetryReadModel readModel;
    private final TelemetryInspector inspector;
    private final LongSupplier ticker;

    ConsoleRouter(Town town, TelemetryIngress ingress, TelemetryPort port, ConsoleBridge bridge,
            TelemetryReadModel readModelOrNull, TelemetryInspector inspectorOrNull, LongSupplier ticker) {
        this.town = town;
        this.ingress = ingress;
        this.port = port;
        this.bridge = bridge;
        this.readModel = readModelOrNull;
        this.inspector = inspectorOrNull;
        this.ticker = ticker;
    }

    /** Step 2, before the world advances: validates every command and applies the world-changing ones. */
    List<Pending> prepare(List<ConsoleCommand> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        boolean authEnabled = port.transportStatus().authEnabled();
        List<Pending> batch = new ArrayList<>(commands.size());
        for (ConsoleCommand command : commands) {
            long started = ticker.getAsLong();
            Supplier<Outcome> outcome;
            try {
                outcome = route(command, authEnabled);
            } catch (CommandException e) {
                Outcome failed = Outcome.error(e.code, e.getMessage());
                outcome = () -> failed;
            }
            batch.add(new Pending(command, started, outcome));
        }
        return batch;
    }

    /** Step 3: one {@code console.result} per command, in order, then one per orphan result. */
    void emit(List<Pending> batch, long tick) {
        for (Pending pending : batch) {
            Outcome outcome;
            try {
                outcome = pending.outcome.get();
            } catch (CommandException e) {
                outcome = Outcome.error(e.code, e.getMessage());
            }
            ConsoleCommand command = pending.command;
            long latencyMs = Math.max(0L, (ticker.getAsLong() - pending.started) / 1_000_000L);
            ConsoleResult result = outcome.error == null
                    ? ConsoleResult.ok(command.name(), command.cmdId(), command.issuer(), tick, latencyMs,
                            outcome.result)
                    : ConsoleResult.error(command.name(), command.cmdId(), command.issuer(), tick, latencyMs,
                            outcome.error);
            ingress.emitEvent(TelemetryEvent.consoleResult(tick, new ConsoleEvent(command, result)));
        }
        for (Town.ExitNotice notice : town.drainExitNotices()) {
            Map<?, ?> ticket = notice.ticket() instanceof Map<?, ?> given ? given : Map.of();
            ConsoleCommand orphan = ConsoleCommand.orphan("employment_exit", text(ticket.get("cmd_id")),
                    text(ticket.get("issuer")));
            ConsoleResult result = ConsoleResult.ok(orphan.name(), orphan.cmdId(), orphan.issuer(), tick, null,
                    JsonMaps.of("action", "approve", "agent", notice.agentId(), "exited", true,
                            "exit_tick", notice.tick()));
            ingress.emitEvent(TelemetryEvent.consoleResult(tick, new ConsoleEvent(orphan, result)));
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private Supplier<Outcome> route(ConsoleCommand command, boolean authEnabled) {
        switch (command.name()) {
            case "help":
                return () -> Outcome.ok(JsonMaps.of("commands", COMMANDS));
            case "snapshot":
                return () -> Outcome.ok(town.summary());
            case "telemetry_snapshot":
                return () -> Outcome.ok(telemetrySnapshot());
            case "announce_story":
                return announce(command);
            case "employment_exit":
                return employmentExit(command, authEnabled);
            case "relationship_summary":
                return () -> Outcome.ok(relationshipSummary());
            case "relationship_detail": {
                String agent = requireArg(command, "agent", 0);
                return () -> Outcome.ok(relationshipDetail(agent));
            }
            case "social_events":
                return () -> Outcome.ok(JsonMaps.of("social_events", Json.value(reads().latestSocialEvents())));
            case "possess":
            case "release":
                return possession(command, authEnabled);
            case "utility_outage":
                return utilityOutage(command, authEnabled);
            default:
                throw new CommandException(UNKNOWN_COMMAND, "unknown command '" + command.name() + "'");
        }
    }

    private Supplier<Outcome> announce(ConsoleCommand command) {
        String message = requireArg(command, "message", 0);
        String category = arg(command, "category", 1);
        Object priority = command.kwargs().get("priority");
        ManualNarration narration;
        try {
            narration = ManualNarration.builder(message).category(category)
                    .priority(Boolean.TRUE.equals(priority) || "true".equals(String.valueOf(priority)))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandException(INVALID_ARGS, "announce_story needs a non-blank message");
        }
        Optional<NarrationEntry> entry = ingress.emitManualNarration(narration);
        Map<String, Object> result = JsonMaps.of("accepted", entry.isPresent(),
                "narration", Json.value(entry.orElse(null)));
        return () -> Outcome.ok(result);
    }

    private Supplier<Outcome> employmentExit(ConsoleCommand command, boolean authEnabled) {
        String action = arg(command, "action", 0);
        action = action == null ? "review" : action.trim().toLowerCase(Locale.ROOT);
        switch (action) {
            case "review":
                return () -> Outcome.ok(exitQueue("review", null));
            case "approve": {
                requireAdmin(command, authEnabled);
                String agent = requireArg(command, "agent", 1);
                if (!town.approveExit(agent, JsonMaps.of("cmd_id", command.cmdId(), "issuer", command.issuer()))) {
                    throw notPending(agent);
                }
                return () -> {
                    Map<String, Object> result = new LinkedHashMap<>(exitQueue("approve", agent));
                    boolean exited = !town.hasAgent(agent);
                    result.put("exited", exited);
                    if (!exited) {
                        result.put("deferred_by", "daily_exit_cap");
                    }
                    return Outcome.ok(JsonMaps.copyOf(result));
                };
            }
            case "defer": {
                requireAdmin(command, authEnabled);
                String agent = requireArg(command, "agent", 1);
                if (!town.deferExit(agent)) {
                    throw notPending(agent);
                }
                return () -> Outcome.ok(exitQueue("defer", agent));
            }
            default:
                throw new CommandException(INVALID_ARGS, "employment_exit action must be one of [approve, defer, "
                        + "review]; got '" + action + "'");
        }
    }

    private Map<String, Object> exitQueue(String action, String agent) {
        List<Map<String, Object>> pending = town.pendingExits();
        return JsonMaps.of("action", action, "agent", agent, "pending", pending,
                "pending_count", (long) pending.size());
    }

    private static CommandException notPending(String agent) {
        return new CommandException(NOT_PENDING, "agent '" + agent + "' is not pending an employment exit");
    }

    private Supplier<Outcome> possession(ConsoleCommand command, boolean authEnabled) {
        requireAdmin(command, authEnabled);
        String agent = requireArg(command, "agent", 0);
        if (!town.hasAgent(agent)) {
            throw new CommandException(UNKNOWN_AGENT, "unknown agent '" + agent + "'");
        }
        boolean possess = command.name().equals("possess");
        boolean changed = possess ? town.possess(agent) : town.release(agent);
        return () -> Outcome.ok(JsonMaps.of("agent", agent, "possessed", possess, "changed", changed,
                "possessed_agents", town.possessedAgents()));
    }

    private Supplier<Outcome> utilityOutage(ConsoleCommand command, boolean authEnabled) {
        requireAdmin(command, authEnabled);
        String utility = requireArg(command, "utility", 0);
        String ticksText = requireArg(command, "ticks", 1);
        long ticks;
        try {
            ticks = Long.parseLong(ticksText.trim());
        } catch (NumberFormatException e) {
            throw new CommandException(INVALID_ARGS, "utility_outage ticks must be an integer >= 1; got '"
                    + ticksText + "'");
        }
        try {
            town.requestOutage(utility, ticks);
        } catch (IllegalArgumentException e) {
            throw new CommandException(INVALID_ARGS, "utility_outage " + e.getMessage());
        }
        return () -> Outcome.ok(JsonMaps.of("utility", utility, "ticks", ticks, "utilities",
                town.summary().get("utilities")));
    }

    private static void requireAdmin(ConsoleCommand command, boolean authEnabled) {
        if (authEnabled && command.mode() != ConsoleMode.ADMIN) {
            throw new CommandException(FORBIDDEN, "command '" + command.name()
                    + "' changes the world and needs mode admin while console auth is enabled");
        }
    }

    private static String arg(ConsoleCommand command, String name, int position) {
        Object value = command.kwargs().get(name);
        if (value == null && position < command.args().size()) {
            value = command.args().get(position);
        }
        return value == null ? null : value.toString();
    }

    private static String requireArg(ConsoleCommand command, String name, int position) {
        String value = arg(command, name, position);
        if (value == null || value.isBlank()) {
            throw new CommandException(INVALID_ARGS, command.name() + " needs '" + name + "' (kwargs." + name
                    + " or args[" + position + "])");
        }
        return value;
    }

    private TelemetryReadModel reads() {
        if (readModel == null) {
            throw new CommandException(UNAVAILABLE, "the telemetry read models are not available to this loop");
        }
        return readModel;
    }

    private Map<String, Object> relationshipSummary() {
        return JsonMaps.of("relationship_summary", Json.value(reads().latestRelationshipSummary()));
    }

    private Map<String, Object> relationshipDetail(String agent) {
        TelemetryReadModel reads = reads();
        Map<String, Map<String, RelationshipTie>> snapshot = reads.latestRelationshipSnapshot();
        LinkedHashMap<String, Object> incoming = new LinkedHashMap<>();
        snapshot.forEach((owner, ties) -> {
            RelationshipTie tie = ties.get(agent);
            if (tie != null) {
                incoming.put(owner, Json.value(tie));
            }
        });
        List<Object> updates = new ArrayList<>();
        for (RelationshipUpdate update : reads.latestRelationshipUpdates()) {
            if (update.owner().equals(agent) || update.other().equals(agent)) {
                updates.add(Json.value(update));
            }
        }
        return JsonMaps.of(
                "agent", agent,
                "ties", Json.value(snapshot.getOrDefault(agent, Map.of())),
                "incoming", JsonMaps.copyOf(incoming),
                "updates", JsonMaps.copyOfList(updates),
                "summary", Json.value(reads.latestRelationshipSummary().agents().get(agent)));
    }

    /** The console snapshot of SPEC §8.3, every value from the one read-model store. */
    private Map<String, Object> telemetrySnapshot() {
        TelemetryReadModel reads = reads();
        String schema = reads.schema();
        TransportStatus transport = reads.latestTransportStatus();
        Map<String, Object> metrics = reads.latestStabilityMetrics();
        Object promotion = inspector != null ? inspector.latestPromotionState()
                : metrics.getOrDefault("promotion_state", Map.of());
        LinkedHashMap<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("schema_version", schema);
        snapshot.put("schema_warning", schema.startsWith("0.9.") ? null
                : "Console supports telemetry schema 0.9.x; shard reported " + schema + ". Upgrade required.");
        snapshot.put("console_commands", TELEMETRY_COMMANDS);
        snapshot.put("jobs", reads.latestJobSnapshot());
        snapshot.put("economy", reads.latestEconomySnapshot());
        snapshot.put("economy_settings", reads.latestEconomySettings());
        snapshot.put("price_spikes", Json.value(reads.latestPriceSpikes()));
        snapshot.put("utilities", reads.latestUtilities());
        snapshot.put("employment", reads.latestEmploymentMetrics());
        snapshot.put("queue_metrics", Json.value(reads.latestQueueMetrics()));
        snapshot.put("conflict", Json.value(reads.latestConflictSnapshot()));
        snapshot.put("relationships", reads.latestRelationshipMetrics());
        snapshot.put("relationship_snapshot", Json.value(reads.latestRelationshipSnapshot()));
        snapshot.put("relationship_updates", Json.value(reads.latestRelationshipUpdates()));
        snapshot.put("relationship_summary", Json.value(reads.latestRelationshipSummary()));
        snapshot.put("social_events", Json.value(reads.latestSocialEvents()));
        snapshot.put("events", Json.value(reads.latestEvents()));
        snapshot.put("narrations", Json.value(reads.latestNarrations()));
        snapshot.put("narration_state", Json.value(reads.latestNarrationState()));
        snapshot.put("anneal_status", Json.value(reads.latestAnnealStatus()));
        snapshot.put("policy_snapshot", reads.latestPolicySnapshot());
        snapshot.put("policy_identity", reads.latestPolicyIdentity().map(Json::value).orElse(Map.of()));
        snapshot.put("snapshot_migrations", reads.latestSnapshotMigrations());
        snapshot.put("affordance_manifest", reads.latestAffordanceManifest());
        snapshot.put("affordance_runtime", Json.value(reads.latestAffordanceRuntime()));
        snapshot.put("reward_breakdown", Json.value(reads.latestRewardBreakdown()));
        snapshot.put("personalities", reads.latestPersonalitySnapshot());
        snapshot.put("stability", JsonMaps.of(
                "alerts", reads.latestStabilityAlerts(),
                "metrics", metrics,
                "promotion_state", Json.value(promotion)));
        snapshot.put("perturbations", Json.value(inspector != null ? inspector.latestPerturbations()
                : Perturbations.EMPTY));
        snapshot.put("transport", Json.value(transport));
        snapshot.put("health", Json.value(reads.latestHealthStatus()));
        snapshot.put("console_results", Json.value(bridge.latestConsoleResults()));
        snapshot.put("possessed_agents", inspector != null ? inspector.latestPossessedAgents() : List.of());
        snapshot.put("precondition_failures", inspector != null ? Json.value(inspector.latestPreconditionFailures())
                : List.of());
        snapshot.put("stability_inputs", Json.value(inspector != null ? inspector.latestStabilityInputs()
                : StabilityInputs.EMPTY));
        if (STUB_PROVIDER.equals(transport.provider())) {
            snapshot.put("telemetry_warning", JsonMaps.of("provider", STUB_PROVIDER,
                    "message", "Telemetry running in stub mode; real-time streaming disabled."));
        }
        return JsonMaps.copyOf(snapshot);
    }

    /** One command of the tick, waiting for step 3. */
    static final class Pending {
        final ConsoleCommand command;
        final long started;
        final Supplier<Outcome> outcome;

        Pending(ConsoleCommand command, long started, Supplier<Outcome> outcome) {
            this.command = command;
            this.started = started;
            this.outcome = outcome;
        }
    }

    /** A command's result map or its error. */
    static final class Outcome {
        final Map<String, Object> result;
        final ConsoleError error;

        private Outcome(Map<String, Object> result, ConsoleError error) {
            this.result = result;
            this.error = error;
        }

        static Outcome ok(Map<String, Object> result) {
            return new Outcome(result, null);
        }

        static Outcome error(String code, String message) {
            return new Outcome(null, ConsoleError.of(code, message));
        }
    }

    /** A command that cannot run, with its error code. */
    private static final class CommandException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        CommandException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
