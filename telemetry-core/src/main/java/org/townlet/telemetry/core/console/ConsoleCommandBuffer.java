package org.townlet.telemetry.core.console;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleMode;

/**
 * The pending console commands (SPEC §8.1): a FIFO bounded to {@value #CAPACITY}, filled from any thread through
 * {@link #importItems} (which replaces what is pending, SPEC §3.3 #12) and drained by the simulation thread at the
 * start of each tick. Results never enter it: they live in {@link ConsoleResultLog}.
 *
 * <p>Beyond {@value #CAPACITY} commands the oldest is dropped with WARNING
 * {@code Console command buffer full (50); dropped the oldest command {name}} and counted
 * ({@link #droppedTotal()}, reported as the health metric {@value #DROPPED_METRIC}). Items that are not commands are
 * skipped with WARNING {@code Ignoring invalid console command payload: {item}} and counted ({@link #invalidTotal()},
 * {@value #INVALID_METRIC}).
 *
 * <p>Threads: every method is synchronised; the counting callbacks run outside the lock.
 */
public final class ConsoleCommandBuffer {
    /** Most pending commands kept. */
    public static final int CAPACITY = 50;
    /** The health metric counting commands dropped because the buffer was full. */
    public static final String DROPPED_METRIC = "console_commands_dropped_total";
    /** The health metric counting invalid items skipped. */
    public static final String INVALID_METRIC = "console_commands_invalid_total";

    private static final System.Logger LOG = System.getLogger(ConsoleCommandBuffer.class.getName());

    private final LongConsumer onDropped;
    private final LongConsumer onInvalid;
    private final ArrayDeque<ConsoleCommand> pending = new ArrayDeque<>();
    private long dropped;
    private long invalid;

    /** A buffer that reports nothing beyond its own counters. */
    public ConsoleCommandBuffer() {
        this(total -> { }, total -> { });
    }

    /**
     * A buffer that tells {@code onDropped} / {@code onInvalid} the new running total after each drop or skip (for
     * the health metrics); the callbacks run on the importing thread, outside the buffer's lock, and must not throw.
     */
    public ConsoleCommandBuffer(LongConsumer onDropped, LongConsumer onInvalid) {
        this.onDropped = Objects.requireNonNull(onDropped, "onDropped");
        this.onInvalid = Objects.requireNonNull(onInvalid, "onInvalid");
    }

    /** #11: the pending commands, oldest first, leaving none. */
    public synchronized List<ConsoleCommand> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<ConsoleCommand> drained = List.copyOf(pending);
        pending.clear();
        return drained;
    }

    /** The pending commands, without draining them (state export). */
    public synchronized List<ConsoleCommand> pending() {
        return pending.isEmpty() ? List.of() : List.copyOf(pending);
    }

    /** #12: replaces the pending commands with the coerced {@code items} ({@code null}: none). Never throws. */
    public void importItems(List<?> items) {
        List<ConsoleCommand> commands = new ArrayList<>();
        int skipped = 0;
        if (items != null) {
            for (Object item : items) {
                ConsoleCommand command = coerce(item);
                if (command == null) {
                    LOG.log(Level.WARNING, "Ignoring invalid console command payload: " + item);
                    skipped++;
                } else {
                    commands.add(command);
                }
            }
        }
        List<String> droppedNames = new ArrayList<>();
        long droppedTotal;
        long invalidTotal;
        synchronized (this) {
            pending.clear();
            for (ConsoleCommand command : commands) {
                if (pending.size() == CAPACITY) {
                    droppedNames.add(pending.pollFirst().name());
                }
                pending.addLast(command);
            }
            dropped += droppedNames.size();
            invalid += skipped;
            droppedTotal = dropped;
            invalidTotal = invalid;
        }
        for (String name : droppedNames) {
            LOG.log(Level.WARNING, "Console command buffer full (" + CAPACITY + "); dropped the oldest command "
                    + name);
        }
        if (!droppedNames.isEmpty()) {
            onDropped.accept(droppedTotal);
        }
        if (skipped > 0) {
            onInvalid.accept(invalidTotal);
        }
    }

    /**
     * Restores pending commands from a state import ({@code null}: none), keeping the newest {@value #CAPACITY}.
     * Counts nothing: the commands were accepted before.
     */
    public synchronized void restore(List<ConsoleCommand> commands) {
        pending.clear();
        if (commands != null) {
            int skip = Math.max(0, commands.size() - CAPACITY);
            for (ConsoleCommand command : commands.subList(skip, commands.size())) {
                if (command != null) {
                    pending.addLast(command);
                }
            }
        }
    }

    /** Commands dropped because the buffer was full, so far. */
    public synchronized long droppedTotal() {
        return dropped;
    }

    /** Invalid items skipped, so far. */
    public synchronized long invalidTotal() {
        return invalid;
    }

    /** The coercion of SPEC §8.1; {@code null} for an invalid item. */
    public static ConsoleCommand coerce(Object item) {
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
        return Collections.unmodifiableMap(copy);
    }
}
