package org.townlet.telemetry.core.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.townlet.telemetry.api.event.ConsoleResult;

/**
 * Console results (SPEC §8.2): the latest tick's results and the {@value #HISTORY_CAP} most recent ones. On
 * {@link #record} a result without a tick gets the current tick; a result of another tick than the last one starts a
 * new latest-results list; ticks without results do not clear it. Separate from the pending commands, so a result is
 * never re-read as a command.
 *
 * <p>Threads: recorded by the simulation thread, read from any thread; every method is synchronised and reads return
 * immutable lists.
 */
public final class ConsoleResultLog {
    /** Most results kept in the history. */
    public static final int HISTORY_CAP = 200;

    private List<ConsoleResult> latest = List.of();
    private List<ConsoleResult> history = List.of();

    /** Records {@code result} and returns it with its tick filled in. */
    public synchronized ConsoleResult record(ConsoleResult result, long currentTick) {
        ConsoleResult withTick = result.tick() == null ? result.withTick(currentTick) : result;
        boolean sameTick = !latest.isEmpty() && withTick.tick().equals(latest.get(latest.size() - 1).tick());
        latest = append(sameTick ? latest : List.of(), withTick, Integer.MAX_VALUE);
        history = append(history, withTick, HISTORY_CAP);
        return withTick;
    }

    /** #13: the latest tick's results. */
    public synchronized List<ConsoleResult> latest() {
        return latest;
    }

    /** #14: the {@value #HISTORY_CAP} most recent results, oldest first. */
    public synchronized List<ConsoleResult> history() {
        return history;
    }

    /** Restores results and history from a state import; {@code null} means empty. */
    public synchronized void restore(List<ConsoleResult> results, List<ConsoleResult> restoredHistory) {
        latest = results == null ? List.of() : List.copyOf(results);
        List<ConsoleResult> full = restoredHistory == null ? List.of() : List.copyOf(restoredHistory);
        history = full.size() <= HISTORY_CAP ? full
                : List.copyOf(full.subList(full.size() - HISTORY_CAP, full.size()));
    }

    private static <E> List<E> append(List<E> list, E element, int cap) {
        int skip = Math.max(0, list.size() + 1 - cap);
        List<E> result = new ArrayList<>(list.size() + 1 - skip);
        result.addAll(list.subList(skip, list.size()));
        result.add(element);
        return Collections.unmodifiableList(result);
    }
}
