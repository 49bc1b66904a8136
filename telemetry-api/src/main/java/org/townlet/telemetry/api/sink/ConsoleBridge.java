package org.townlet.telemetry.api.sink;

import java.util.List;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleResult;

/**
 * The console role (protocol methods 11–14). Pending commands and results are separate structures, so a result is
 * never re-read as a command (SPEC §8).
 */
public interface ConsoleBridge {
    /** #11: takes the pending commands, oldest first, leaving none; called by the simulation thread each tick. */
    List<ConsoleCommand> drainConsoleBuffer();

    /**
     * #12: replaces the pending commands with {@code items} (each a {@link ConsoleCommand}, a JSON map or a string),
     * coerced per SPEC §8.1; invalid items are skipped with a warning and counted. Callable from any thread.
     */
    void importConsoleBuffer(List<?> items);

    /** #13: the results of the latest tick that produced any; {@code []} before the first. */
    List<ConsoleResult> latestConsoleResults();

    /** #14: the 200 most recent results, oldest first. */
    List<ConsoleResult> consoleHistory();
}
