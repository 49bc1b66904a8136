package org.townlet.telemetry.core.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleMode;
import org.townlet.telemetry.api.event.ConsoleResult;

/**
 * Pending console commands, and console results with their history (SPEC §8.1, §8.2), shared by the publisher and
 * the stub. Commands and results are separate structures, so a result is never re-read as a command.
 *
 * <p>Threads: commands are imported from any thread and drained by the simulation thread; results are recorded by the
 * simulation thread and read from any thread. Every method is synchronised on this object; reads return immutable
 * lists.
 */
// Next: issue "telemetry core" — the `.console` package takes this over: health metric
// `console_commands_dropped_total` for dropped and invalid commands, and the audit writer (§8.2).
final class ConsoleState {
    /** Most pending commands kept; the oldest is dropped beyond it. */
    static final int BUFFER_CAP = 50;
    /** Most results kept in the history. */
    static final int HISTORY_CAP = 200;

    private static final System.Logger LOG = System.getLogger(ConsoleState.class.getName());

    private final ArrayDeque<ConsoleCommand> pending = new ArrayDeque<>();
    private List<ConsoleResult> latestResults = List.of();
    private List<ConsoleResult> history = List.of();
    private long droppedCommands;
    private long invalidCommands;

    /** #11: the pending commands, oldest first, leaving none. */
    synchronized List<ConsoleCommand> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<ConsoleCommand> drained = List.copyOf(pending);
        pending.clear();
        return drained;
    }

    /** The pending commands, without draining them (for state export). */
    synchronized List<ConsoleCommand> pending() {
        return pending.isEmpty() ? List.of() : List.copyOf(pending);
    }

    /** #12: replaces the pending commands with the coerced {@code items}; never throws. */
    void importItems(List<?> items) {
        List<ConsoleCommand> commands = new ArrayList<>();
        if (items != null) {
            for (Object item : items) {
                ConsoleCommand command = coerce(item);
                if (command == null) {
                    LOG.log(System.Logger.Level.WARNING, "Ignoring invalid console command payload: {0}",
                            String.valueOf(item));
                    synchronized (this) {
                        invalidCommands++;
                    }
                } else {
                    commands.add(command);
                }
            }
        }
        synchronized (this) {
            pending.clear();
            for (ConsoleCommand command : commands) {
                if (pending.size() == BUFFER_CAP) {
                    ConsoleCommand dropped = pending.pollFirst();
                    droppedCommands++;
                    LOG.log(System.Logger.Level.WARNING,
                            "Console command buffer full ({0}); dropped the oldest command {1}", BUFFER_CAP,
                            dropped.name());
                }
                pending.addLast(command);
            }
        }
    }

    /**
     * Records {@code result} (SPEC §8.2): a missing tick becomes {@code currentTick}; a result of another tick than the
     * last one starts a new latest-results list; the history keeps the {@value #HISTORY_CAP} most recent.
     */
    synchronized void recordResult(ConsoleResult result, long currentTick) {
        ConsoleResult withTick = result.tick() == null ? result.withTick(currentTick) : result;
        List<ConsoleResult> latest = latestResults;
        boolean sameTick = !latest.isEmpty() && withTick.tick().equals(latest.get(latest.size() - 1).tick());
        latestResults = append(sameTick ? latest : List.of(), withTick, Integer.MAX_VALUE);
        history = append(history, withTick, HISTORY_CAP);
    }

    /** #13. */
    synchronized List<ConsoleResult> latestResults() {
        return latestResults;
    }

    /** #14. */
    synchronized List<ConsoleResult> history() {
        return history;
    }

    /** Restores results, history and pending commands from a state import; {@code null} means empty. */
    synchronized void restore(List<ConsoleResult> results, List<ConsoleResult> restoredHistory,
            List<ConsoleCommand> buffer) {
        latestResults = results == null ? List.of() : List.copyOf(results);
        List<ConsoleResult> fullHistory = restoredHistory == null ? List.of() : List.copyOf(restoredHistory);
        history = fullHistory.size() <= HISTORY_CAP ? fullHistory
                : List.copyOf(fullHistory.subList(fullHistory.size() - HISTORY_CAP, fullHistory.size()));
        pending.clear();
        if (buffer != null) {
            int skip = Math.max(0, buffer.size() - BUFFER_CAP);
            pending.addAll(buffer.subList(skip, buffer.size()));
        }
    }

    /** Commands dropped because the buffer was full, and invalid items skipped, so far. */
    synchronized long droppedCommands() {
        return droppedCommands + invalidCommands;
    }

    private static <E> List<E> append(List<E> list, E element, int cap) {
        int skip = Math.max(0, list.size() + 1 - cap);
        List<E> result = new ArrayList<>(list.size() + 1 - skip);
        result.addAll(list.subList(skip, list.size()));
        result.add(element);
        return Collections.unmodifiableList(result);
    }

    /** Coercion of SPEC §8.1; {@code null} for an invalid item. */
    static ConsoleCommand coerce(Object item) {
        if (item instanceof ConsoleCommand command) {
            return command;
        }
        if (item instanceof String name) {
            return name.isBlank() ? null : ConsoleCommand.of(name.trim());
        }
        if (!(item instanceof Map<?, ?> map)) {
            return null;
        }
        Object name = map.get("name");
        if (!(name instanceof String) || ((String) name).isBlank()) {
            name = map.get("cmd");
        }
        if (!(name instanceof String text) || text.isBlank()) {
            return null;
        }
        Object args = map.get("args");
        Object kwargs = map.get("kwargs");
        Object metadata = map.get("metadata");
        if ((args != null && !(args instanceof List<?>)) || (kwargs != null && !(kwargs instanceof Map<?, ?>))
                || (metadata != null && !(metadata instanceof Map<?, ?>))) {
            return null;
        }
        Object timestamp = map.containsKey("timestamp_ms") ? map.get("timestamp_ms") : map.get("timestamp");
        Long timestampMs = timestamp instanceof Long || timestamp instanceof Integer || timestamp instanceof Short
                ? Long.valueOf(((Number) timestamp).longValue()) : null;
        return new ConsoleCommand(text.trim(), args == null ? null : new ArrayList<>((List<?>) args),
                stringKeys(kwargs), textOf(map.get("cmd_id")), textOf(map.get("issuer")),
                ConsoleMode.fromJson(map.get("mode")), timestampMs, stringKeys(metadata));
    }

    private static String textOf(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, Object> stringKeys(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), item));
        return copy;
    }
}
