package org.townlet.sim.world;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.townlet.sim.config.RelationshipSettings;
import org.townlet.telemetry.api.event.RelationshipTie;

/**
 * Directed ties between agents (SPEC §17.5) and the churn of evicted ties. The ties live in their owner
 * ({@link Agent#ties}, sorted by the other's id); this class moves them and counts evictions. Each owner keeps at most
 * {@code tie_capacity} ties (a new tie beyond it evicts the weakest, reason {@code capacity}); every value decays
 * towards 0 by {@code decay_per_tick}, and a tie under {@code eviction_floor} on all three values is evicted (reason
 * {@code decay}); an agent's exit evicts its ties and the ties others hold to it (reason {@code exit}). Evictions are
 * counted in fixed windows of {@code churn_window} ticks; {@code history} keeps up to {@value #HISTORY} completed
 * windows with at least one eviction. Mutable, simulation thread only; O(ties) per tick.
 */
final class Relationships {
    static final int HISTORY = 8;
    static final String DECAY = "decay";
    static final String CAPACITY = "capacity";
    static final String EXIT = "exit";

    private final RelationshipSettings settings;
    private long windowStart;
    private long windowTotal;
    private final TreeMap<String, Long> windowOwners = new TreeMap<>();
    private final TreeMap<String, Long> windowReasons = new TreeMap<>();
    private final ArrayDeque<Map<String, Object>> history = new ArrayDeque<>();
    private Map<String, Object> churnView;
    /** The owners of the last snapshot, reused while the set of agents holding ties stays the same. */
    private ArrayMaps.Keys ownerKeys;
    private final ArrayMaps.ReusedView<Map<String, RelationshipTie>> snapshotView = new ArrayMaps.ReusedView<>();

    Relationships(RelationshipSettings settings) {
        this.settings = settings;
    }

    /** A chat moves both directions of the pair: trust by its quality, familiarity always up; success eases rivalry. */
    void chat(Agent speaker, Agent listener, double quality, boolean success) {
        double trust = success ? 0.2 * quality : -0.1 * (1.0 - quality);
        double familiarity = success ? 0.1 : 0.05;
        double rivalry = success ? -0.02 : 0.0;
        adjust(speaker, listener.id, trust, familiarity, rivalry);
        adjust(listener, speaker.id, trust, familiarity, rivalry);
    }

    /** A queue conflict raises the pair's rivalry, both directions. */
    void raiseRivalry(Agent actor, Agent rival, double amount) {
        adjust(actor, rival.id, 0.0, 0.0, amount);
        adjust(rival, actor.id, 0.0, 0.0, amount);
    }

    void adjust(Agent owner, String other, double trust, double familiarity, double rivalry) {
        int index = owner.tieIndex(other);
        Agent.Tie tie;
        if (index >= 0) {
            tie = owner.ties.get(index);
        } else {
            if (owner.ties.size() >= settings.tieCapacity()) {
                evictWeakest(owner);
                index = owner.tieIndex(other);
            }
            tie = new Agent.Tie(other);
            owner.ties.add(-(index + 1), tie);
        }
        tie.trust = Views.clamp(tie.trust + trust, -1.0, 1.0);
        tie.familiarity = Views.clamp(tie.familiarity + familiarity, -1.0, 1.0);
        tie.rivalry = Views.clamp(tie.rivalry + rivalry, 0.0, 1.0);
    }

    /** Evicts the tie with the least total strength; ties break by the other agent's id, ascending. */
    private void evictWeakest(Agent owner) {
        int weakest = 0;
        double weakestStrength = Double.MAX_VALUE;
        for (int i = 0; i < owner.ties.size(); i++) {
            double strength = owner.ties.get(i).strength();
            if (strength < weakestStrength) {
                weakestStrength = strength;
                weakest = i;
            }
        }
        owner.ties.remove(weakest);
        countEviction(owner.id, CAPACITY);
    }

    /**
     * How many ticks one decay step covers. Decay runs every {@value}th tick with {@value} times
     * {@code decay_per_tick}: the same rate, but ties, which otherwise change in their 4th decimal every tick, stay
     * unchanged between steps, so the relationship sections of the telemetry stream change only when something
     * happens (a chat, a conflict, a decay step) rather than in every frame. Deterministic like the rest of the town.
     */
    static final long DECAY_STEP_TICKS = 10;

    /** The decay of tick {@code tick}: one step of {@link #DECAY_STEP_TICKS} ticks on every such tick, else nothing. */
    void decayAt(long tick, Agent[] agents) {
        if (tick % DECAY_STEP_TICKS == 0) {
            decay(agents, settings.decayPerTick() * DECAY_STEP_TICKS);
        }
    }

    /** Decays every value towards 0 by one tick's step and evicts ties under the floor on all three values. */
    void decay(Agent[] agents) {
        decay(agents, settings.decayPerTick());
    }

    private void decay(Agent[] agents, double step) {
        double floor = settings.evictionFloor();
        for (Agent owner : agents) {
            List<Agent.Tie> ties = owner.ties;
            for (int i = ties.size() - 1; i >= 0; i--) {
                Agent.Tie tie = ties.get(i);
                tie.trust = towardsZero(tie.trust, step);
                tie.familiarity = towardsZero(tie.familiarity, step);
                tie.rivalry = towardsZero(tie.rivalry, step);
                if (Math.abs(tie.trust) < floor && Math.abs(tie.familiarity) < floor && tie.rivalry < floor) {
                    ties.remove(i);
                    countEviction(owner.id, DECAY);
                }
            }
        }
    }

    /** Evicts the leaving agent's ties and every tie held to it, reason {@code exit}. O(ties). */
    void removeAgent(Agent leaving, Agent[] agents) {
        for (int i = 0; i < leaving.ties.size(); i++) {
            countEviction(leaving.id, EXIT);
        }
        leaving.ties.clear();
        for (Agent owner : agents) {
            if (owner == leaving) {
                continue;
            }
            int index = owner.tieIndex(leaving.id);
            if (index >= 0) {
                owner.ties.remove(index);
                countEviction(owner.id, EXIT);
            }
        }
    }

    /** Closes every churn window that ended at or before {@code tick}. */
    void rollWindow(long tick) {
        long width = settings.churnWindow();
        while (tick >= windowStart + width) {
            if (windowTotal > 0) {
                history.addLast(window());
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            windowStart += width;
            windowTotal = 0;
            windowOwners.clear();
            windowReasons.clear();
            churnView = null;
        }
    }

    private void countEviction(String owner, String reason) {
        windowTotal++;
        windowOwners.merge(owner, 1L, Long::sum);
        windowReasons.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
        churnView = null;
    }

    /**
     * owner → other → tie, sorted by id at both levels, values to four decimals; owners without ties are absent.
     */
    Map<String, Map<String, RelationshipTie>> snapshot(Agent[] agents) {
        int owners = 0;
        for (Agent owner : agents) {
            owners += owner.ties.isEmpty() ? 0 : 1;
        }
        if (owners == 0) {
            return Map.of();
        }
        boolean sameOwners = ownerKeys != null && ownerKeys.size() == owners;
        Map<String, RelationshipTie>[] rows = ArrayMaps.newMaps(owners);
        int row = 0;
        for (Agent owner : agents) {
            if (!owner.ties.isEmpty()) {
                sameOwners = sameOwners && ownerKeys.name(row) == owner.id;
                rows[row++] = owner.tieRow();
            }
        }
        if (!sameOwners) {
            String[] ids = new String[owners];
            row = 0;
            for (Agent owner : agents) {
                if (!owner.ties.isEmpty()) {
                    ids[row++] = owner.id;
                }
            }
            ownerKeys = new ArrayMaps.Keys(ids);
        }
        return snapshotView.of(ownerKeys, rows);
    }

    /**
     * The churn payload {@code {window_start, window_end, total, owners, reasons, history}} (SPEC §17.5); the same
     * map until an eviction or a window roll changes it.
     */
    Map<String, Object> churn() {
        if (churnView == null) {
            LinkedHashMap<String, Object> churn = new LinkedHashMap<>(window());
            churn.put("history", history.isEmpty() ? List.of()
                    : Collections.unmodifiableList(new ArrayList<>(history)));
            churnView = Collections.unmodifiableMap(churn);
        }
        return churnView;
    }

    private Map<String, Object> window() {
        return Views.map(
                "window_start", windowStart,
                "window_end", windowStart + settings.churnWindow(),
                "total", windowTotal,
                "owners", Views.freeze(new LinkedHashMap<>(windowOwners)),
                "reasons", Views.freeze(new LinkedHashMap<>(windowReasons)));
    }

    long windowTotal() {
        return windowTotal;
    }

    /** The churn counters for a simulation snapshot; the ties themselves travel with their owners. */
    Map<String, Object> exportState() {
        return Views.map(
                "window_start", windowStart,
                "window_total", windowTotal,
                "window_owners", Views.freeze(new LinkedHashMap<>(windowOwners)),
                "window_reasons", Views.freeze(new LinkedHashMap<>(windowReasons)),
                "history", List.copyOf(history));
    }

    /** Restores what {@link #exportState()} wrote. */
    void importState(Map<String, Object> state) {
        String path = "world.town.relationships";
        windowStart = StateMaps.longValue(state, "window_start", path);
        windowTotal = StateMaps.longValue(state, "window_total", path);
        if (windowStart < 0 || windowTotal < 0) {
            throw new IllegalArgumentException("snapshot " + path + " window_start and window_total must be >= 0; got "
                    + windowStart + " and " + windowTotal);
        }
        windowOwners.clear();
        StateMaps.mapValue(state, "window_owners", path).forEach((owner, count) ->
                windowOwners.put(owner, ((Number) count).longValue()));
        windowReasons.clear();
        StateMaps.mapValue(state, "window_reasons", path).forEach((reason, count) ->
                windowReasons.put(reason, ((Number) count).longValue()));
        history.clear();
        for (Object window : StateMaps.listValue(state, "history", path)) {
            history.addLast(StateMaps.asMap(window, path + ".history"));
        }
        churnView = null;
    }

    private static double towardsZero(double value, double step) {
        if (value > 0.0) {
            return Math.max(0.0, value - step);
        }
        if (value < 0.0) {
            return Math.min(0.0, value + step);
        }
        return 0.0;
    }
}
