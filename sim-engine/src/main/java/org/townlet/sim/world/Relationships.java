package org.townlet.sim.world;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * Directed ties between agents (SPEC §17.5) and the churn of evicted ties. Each owner keeps at most
 * {@link Tuning#TIE_CAPACITY} ties; all values decay towards 0 every tick, and a tie under the eviction floor on all
 * three values is evicted. Mutable, simulation thread only; O(ties) per tick.
 */
final class Relationships {
    private static final int TRUST = 0;
    private static final int FAMILIARITY = 1;
    private static final int RIVALRY = 2;

    /** owner → other → {trust, familiarity, rivalry}; both levels sorted by id. */
    private final TreeMap<String, TreeMap<String, double[]>> ties = new TreeMap<>();

    private long windowStart;
    private long windowTotal;
    private final TreeMap<String, Long> windowOwners = new TreeMap<>();
    private final TreeMap<String, Long> windowReasons = new TreeMap<>();
    private final ArrayDeque<Map<String, Object>> history = new ArrayDeque<>();

    /** A chat moves both directions of the pair: trust by its quality, familiarity always up. */
    void chat(String speaker, String listener, double quality, boolean success) {
        double trustDelta = success ? 0.2 * quality : -0.1 * (1.0 - quality);
        double familiarityDelta = success ? 0.1 : 0.05;
        adjust(speaker, listener, trustDelta, familiarityDelta, 0.0);
        adjust(listener, speaker, trustDelta, familiarityDelta, 0.0);
    }

    /** A queue conflict raises the pair's rivalry, both directions. */
    void raiseRivalry(String actor, String rival, double amount) {
        adjust(actor, rival, 0.0, 0.0, amount);
        adjust(rival, actor, 0.0, 0.0, amount);
    }

    private void adjust(String owner, String other, double trust, double familiarity, double rivalry) {
        TreeMap<String, double[]> owned = ties.computeIfAbsent(owner, key -> new TreeMap<>());
        double[] tie = owned.get(other);
        if (tie == null) {
            if (owned.size() >= Tuning.TIE_CAPACITY) {
                evictWeakest(owner, owned);
            }
            tie = new double[3];
            owned.put(other, tie);
        }
        tie[TRUST] = clamp(tie[TRUST] + trust, -1.0, 1.0);
        tie[FAMILIARITY] = clamp(tie[FAMILIARITY] + familiarity, -1.0, 1.0);
        tie[RIVALRY] = clamp(tie[RIVALRY] + rivalry, 0.0, 1.0);
    }

    /** Evicts the tie with the least total strength; ties break by the other agent's id, ascending. */
    private void evictWeakest(String owner, TreeMap<String, double[]> owned) {
        String weakest = null;
        double weakestStrength = Double.MAX_VALUE;
        for (Map.Entry<String, double[]> entry : owned.entrySet()) {
            double[] tie = entry.getValue();
            double strength = Math.abs(tie[TRUST]) + Math.abs(tie[FAMILIARITY]) + tie[RIVALRY];
            if (strength < weakestStrength) {
                weakestStrength = strength;
                weakest = entry.getKey();
            }
        }
        owned.remove(weakest);
        countEviction(owner, "capacity");
    }

    /** Decays every value towards 0 and evicts ties under the floor on all three values. */
    void decay() {
        Iterator<Map.Entry<String, TreeMap<String, double[]>>> owners = ties.entrySet().iterator();
        while (owners.hasNext()) {
            Map.Entry<String, TreeMap<String, double[]>> owner = owners.next();
            Iterator<double[]> owned = owner.getValue().values().iterator();
            while (owned.hasNext()) {
                double[] tie = owned.next();
                tie[TRUST] = towardsZero(tie[TRUST]);
                tie[FAMILIARITY] = towardsZero(tie[FAMILIARITY]);
                tie[RIVALRY] = towardsZero(tie[RIVALRY]);
                if (Math.abs(tie[TRUST]) < Tuning.EVICTION_FLOOR
                        && Math.abs(tie[FAMILIARITY]) < Tuning.EVICTION_FLOOR
                        && tie[RIVALRY] < Tuning.EVICTION_FLOOR) {
                    owned.remove();
                    countEviction(owner.getKey(), "decay");
                }
            }
            if (owner.getValue().isEmpty()) {
                owners.remove();
            }
        }
    }

    /** Closes every churn window that ended at or before {@code tick}. */
    void rollWindow(long tick) {
        while (tick >= windowStart + Tuning.CHURN_WINDOW) {
            if (windowTotal > 0) {
                history.addLast(window());
                if (history.size() > Tuning.CHURN_HISTORY) {
                    history.removeFirst();
                }
            }
            windowStart += Tuning.CHURN_WINDOW;
            windowTotal = 0;
            windowOwners.clear();
            windowReasons.clear();
        }
    }

    private void countEviction(String owner, String reason) {
        windowTotal++;
        windowOwners.merge(owner, 1L, Long::sum);
        windowReasons.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
    }

    /** owner → other → tie, sorted by id at both levels; owners without ties are absent. */
    Map<String, Map<String, RelationshipTie>> snapshot() {
        if (ties.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, Map<String, RelationshipTie>> view = new LinkedHashMap<>();
        ties.forEach((owner, owned) -> {
            LinkedHashMap<String, RelationshipTie> row = new LinkedHashMap<>();
            owned.forEach((other, tie) -> row.put(other, new RelationshipTie(tie[TRUST], tie[FAMILIARITY],
                    tie[RIVALRY])));
            view.put(owner, Collections.unmodifiableMap(row));
        });
        return Collections.unmodifiableMap(view);
    }

    /** The churn payload {@code {window_start, window_end, total, owners, reasons, history}} (SPEC §17.5). */
    Map<String, Object> churn() {
        LinkedHashMap<String, Object> churn = new LinkedHashMap<>(window());
        List<Map<String, Object>> past = new ArrayList<>(history);
        churn.put("history", Collections.unmodifiableList(past));
        return Collections.unmodifiableMap(churn);
    }

    private Map<String, Object> window() {
        return JsonMaps.of(
                "window_start", windowStart,
                "window_end", windowStart + Tuning.CHURN_WINDOW,
                "total", windowTotal,
                "owners", JsonMaps.copyOf(windowOwners),
                "reasons", JsonMaps.copyOf(windowReasons));
    }

    int tieCount() {
        int count = 0;
        for (TreeMap<String, double[]> owned : ties.values()) {
            count += owned.size();
        }
        return count;
    }

    private static double towardsZero(double value) {
        if (value > 0.0) {
            return Math.max(0.0, value - Tuning.TIE_DECAY_PER_TICK);
        }
        return Math.min(0.0, value + Tuning.TIE_DECAY_PER_TICK);
    }

    private static double clamp(double value, double min, double max) {
        return value < min ? min : Math.min(max, value);
    }
}
