package org.townlet.sim;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleError;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.sink.TelemetryIngress;

/**
 * Executes the tick's console commands (SPEC §8.3, §17.8) and emits one {@code console.result} per command. The
 * walking skeleton knows {@code help}; every other name gets {@code error.code:"unknown_command"}. Next: issue town
 * simulation ({@code snapshot}, {@code telemetry_snapshot}, {@code announce_story}, {@code employment_exit},
 * {@code relationship_summary}, {@code relationship_detail}, {@code social_events}, {@code possess}/{@code release},
 * {@code utility_outage}, admin mode, orphan results).
 *
 * <p>Simulation thread only.
 */
final class ConsoleRouter {
    static final String UNKNOWN_COMMAND = "unknown_command";

    private static final Map<String, Object> HELP = JsonMaps.of(
            "commands", JsonMaps.of("help", "List the console commands this simulation answers."));

    private final TelemetryIngress ingress;
    private final LongSupplier ticker;

    ConsoleRouter(TelemetryIngress ingress, LongSupplier ticker) {
        this.ingress = ingress;
        this.ticker = ticker;
    }

    void execute(List<ConsoleCommand> commands, long tick) {
        for (ConsoleCommand command : commands) {
            long started = ticker.getAsLong();
            boolean known = "help".equals(command.name());
            long latencyMs = Math.max(0L, (ticker.getAsLong() - started) / 1_000_000L);
            ConsoleResult result = known
                    ? ConsoleResult.ok(command.name(), command.cmdId(), command.issuer(), tick, latencyMs, HELP)
                    : ConsoleResult.error(command.name(), command.cmdId(), command.issuer(), tick, latencyMs,
                            ConsoleError.of(UNKNOWN_COMMAND, "unknown command '" + command.name() + "'"));
            ingress.emitEvent(TelemetryEvent.consoleResult(tick, new ConsoleEvent(command, result)));
        }
    }
}
