package org.townlet.sim.world;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The scripted policy's observation slots (SPEC §17.6): a fixed pool, one slot per agent. A slot an exited agent
 * releases is quarantined for {@value #QUARANTINE_TICKS} ticks so that a newcomer does not inherit a fresh
 * embedding; an allocation that finds no free slot takes the slot quarantined longest (a forced reuse). The
 * embedding metrics are {@code allocations_total}, {@code forced_reuse_count}, {@code forced_reuse_rate} and
 * {@code reuse_warning} (1.0 once the rate exceeds {@value #REUSE_WARNING_RATE}). Mutable, simulation thread only.
 */
final class ObservationSlots {
    static final long QUARANTINE_TICKS = 30;
    static final double REUSE_WARNING_RATE = 0.1;

    private final int pool;
    private final TreeSet<Integer> free = new TreeSet<>();
    /** {slot, released tick}, oldest first. */
    private final ArrayDeque<long[]> quarantined = new ArrayDeque<>();
    private long allocations;
    private long forcedReuses;
    private Map<String, Double> metrics;

    ObservationSlots(int pool) {
        this.pool = pool;
        for (int slot = 0; slot < pool; slot++) {
            free.add(slot);
        }
    }

    int allocate(long tick) {
        while (!quarantined.isEmpty() && quarantined.peekFirst()[1] + QUARANTINE_TICKS <= tick) {
            free.add((int) quarantined.pollFirst()[0]);
        }
        allocations++;
        metrics = null;
        if (!free.isEmpty()) {
            return free.pollFirst();
        }
        if (!quarantined.isEmpty()) {
            forcedReuses++;
            return (int) quarantined.pollFirst()[0];
        }
        forcedReuses++;
        return 0;
    }

    void release(int slot, long tick) {
        if (slot >= 0) {
            quarantined.addLast(new long[] {slot, tick});
        }
    }

    int pool() {
        return pool;
    }

    int inUse() {
        return pool - free.size() - quarantined.size();
    }

    /** The pool's state for a simulation snapshot. */
    Map<String, Object> exportState() {
        List<Object> waiting = new ArrayList<>();
        for (long[] entry : quarantined) {
            waiting.add(List.of(entry[0], entry[1]));
        }
        List<Object> freeSlots = new ArrayList<>();
        free.forEach(slot -> freeSlots.add((long) slot));
        return Views.map("free", List.copyOf(freeSlots), "quarantined", List.copyOf(waiting),
                "allocations", allocations, "forced_reuses", forcedReuses);
    }

    /** Restores what {@link #exportState()} wrote. */
    void importState(Map<String, Object> state) {
        String path = "world.town.slots";
        free.clear();
        StateMaps.listValue(state, "free", path).forEach(slot -> free.add(((Number) slot).intValue()));
        quarantined.clear();
        for (Object entry : StateMaps.listValue(state, "quarantined", path)) {
            List<?> pair = (List<?>) entry;
            quarantined.addLast(new long[] {((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).longValue()});
        }
        allocations = StateMaps.longValue(state, "allocations", path);
        forcedReuses = StateMaps.longValue(state, "forced_reuses", path);
        metrics = null;
    }

    Map<String, Double> metrics() {
        if (metrics == null) {
            double rate = allocations == 0 ? 0.0 : (double) forcedReuses / allocations;
            metrics = Views.doubles(
                    "allocations_total", allocations,
                    "forced_reuse_count", forcedReuses,
                    "forced_reuse_rate", rate,
                    "reuse_warning", rate > REUSE_WARNING_RATE ? 1.0 : 0.0);
        }
        return metrics;
    }
}
