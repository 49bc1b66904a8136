package org.townlet.telemetry.core.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.event.AgentRelationshipSummary;
import org.townlet.telemetry.api.event.FriendEntry;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.RelationshipStatus;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalEntry;

/**
 * The relationship derivations of one tick (SPEC §6.2, §6.3): updates against the previous snapshot, the overlay and
 * the summary. Small, linear work over the current ties (each owner has at most {@code tie_capacity} of them).
 * Stateless: safe from any thread, one call at a time or many.
 *
 * <p>Cost: these run for every tick, so the rankings select their top {@value #TOP} in one pass ({@link TopThree})
 * instead of sorting each owner's ties, with the same order (the comparators' {@link Double#compare} on the negated
 * score, then the other's id); result lists are built immutable directly, and this tick's deltas are indexed by owner,
 * then other, without building a string key per lookup.
 */
final class Relationships {
    /** A component changed when it moved by more than this (SPEC §6.2). */
    static final double TOLERANCE = 1e-6;
    /** Entries per owner in the overlay and in each summary ranking. */
    static final int TOP = 3;

    private Relationships() {
    }

    /**
     * The updates turning {@code previous} into {@code current} (SPEC §6.2): current owners in order, each owner's
     * current ties (new → {@code added}; any component moved by more than {@value #TOLERANCE} → {@code updated}), then
     * its vanished ties, then the vanished owners' ties ({@code removed}, values 0.0, delta = −previous).
     */
    static List<RelationshipUpdate> updates(Map<String, Map<String, RelationshipTie>> previous,
            Map<String, Map<String, RelationshipTie>> current) {
        if (previous == current) {
            return List.of();
        }
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (Map.Entry<String, Map<String, RelationshipTie>> owner : current.entrySet()) {
            Map<String, RelationshipTie> now = owner.getValue();
            Map<String, RelationshipTie> before = previous.getOrDefault(owner.getKey(), Map.of());
            if (now == before) {
                continue;
            }
            for (Map.Entry<String, RelationshipTie> tie : now.entrySet()) {
                RelationshipTie value = tieOf(tie.getValue());
                RelationshipTie old = before.get(tie.getKey());
                if (old == null) {
                    updates.add(RelationshipUpdate.of(owner.getKey(), tie.getKey(), value, RelationshipStatus.ADDED,
                            value));
                } else if (moved(old, value)) {
                    updates.add(RelationshipUpdate.of(owner.getKey(), tie.getKey(), value,
                            RelationshipStatus.UPDATED, value.minus(old)));
                }
            }
            for (Map.Entry<String, RelationshipTie> tie : before.entrySet()) {
                if (!now.containsKey(tie.getKey())) {
                    updates.add(removed(owner.getKey(), tie.getKey(), tie.getValue()));
                }
            }
        }
        for (Map.Entry<String, Map<String, RelationshipTie>> owner : previous.entrySet()) {
            if (!current.containsKey(owner.getKey())) {
                for (Map.Entry<String, RelationshipTie> tie : owner.getValue().entrySet()) {
                    updates.add(removed(owner.getKey(), tie.getKey(), tie.getValue()));
                }
            }
        }
        return updates.isEmpty() ? List.of() : Collections.unmodifiableList(updates);
    }

    /**
     * Per owner, its top {@value #TOP} ties by trust (descending; ties broken by the other's id, ascending), with this
     * tick's deltas (0.0 for a tie that did not change). Owners without ties are left out.
     */
    static Map<String, List<OverlayEntry>> overlay(Map<String, Map<String, RelationshipTie>> current,
            List<RelationshipUpdate> updates) {
        return overlay(current, updates, Map.of(), Map.of());
    }

    /**
     * As {@link #overlay(Map, List)}, reusing the previous tick's list of an owner whose ties are the very same
     * object as in {@code previousTies} (the simulation keeps an unchanged row), who has no update this tick and
     * whose previous entries carry no delta: recomputing it would give equal entries. Most owners are unchanged in a
     * tick, so this is most of the overlay's cost saved, and the unchanged lists keep their identity for the encoder.
     */
    static Map<String, List<OverlayEntry>> overlay(Map<String, Map<String, RelationshipTie>> current,
            List<RelationshipUpdate> updates, Map<String, Map<String, RelationshipTie>> previousTies,
            Map<String, List<OverlayEntry>> previousOverlay) {
        if (current.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, RelationshipTie>> deltas = deltasByOwner(updates);
        TopThree top = new TopThree();
        LinkedHashMap<String, List<OverlayEntry>> overlay = new LinkedHashMap<>(capacity(current.size()));
        for (Map.Entry<String, Map<String, RelationshipTie>> row : current.entrySet()) {
            Map<String, RelationshipTie> ties = row.getValue();
            if (ties.isEmpty()) {
                continue;
            }
            List<OverlayEntry> kept = previousOverlay.get(row.getKey());
            if (kept != null && previousTies.get(row.getKey()) == ties && !deltas.containsKey(row.getKey())
                    && withoutDeltas(kept)) {
                overlay.put(row.getKey(), kept);
                continue;
            }
            top.clear();
            // forEach: the simulation's array-backed rows hand out no entry object per tie this way
            ties.forEach((other, value) -> {
                if (value != null) {
                    top.offer(other, value, -value.trust());
                }
            });
            if (top.size() == 0) {
                overlay.put(row.getKey(), List.of());
                continue;
            }
            String owner = row.getKey();
            Map<String, RelationshipTie> ownerDeltas = deltas.getOrDefault(owner, Map.of());
            int size = top.size();
            overlay.put(owner, listOf(size, overlayEntry(owner, top, 0, ownerDeltas),
                    size > 1 ? overlayEntry(owner, top, 1, ownerDeltas) : null,
                    size > 2 ? overlayEntry(owner, top, 2, ownerDeltas) : null));
        }
        return Collections.unmodifiableMap(overlay);
    }

    /** Whether every entry's deltas are exactly +0.0, what an owner without updates gets. */
    private static boolean withoutDeltas(List<OverlayEntry> entries) {
        for (OverlayEntry entry : entries) {
            if (Double.doubleToRawLongBits(entry.deltaTrust()) != 0L
                    || Double.doubleToRawLongBits(entry.deltaFamiliarity()) != 0L
                    || Double.doubleToRawLongBits(entry.deltaRivalry()) != 0L) {
                return false;
            }
        }
        return true;
    }

    private static OverlayEntry overlayEntry(String owner, TopThree top, int rank,
            Map<String, RelationshipTie> ownerDeltas) {
        RelationshipTie value = top.tie(rank);
        RelationshipTie delta = ownerDeltas.getOrDefault(top.other(rank), RelationshipTie.ZERO);
        return new OverlayEntry(owner, top.other(rank), value.trust(), value.familiarity(), value.rivalry(),
                delta.trust(), delta.familiarity(), delta.rivalry());
    }

    /**
     * The summary (SPEC §6.3): per owner, {@code top_friends} = top {@value #TOP} by trust + familiarity,
     * {@code top_rivals} = top {@value #TOP} by rivalry among ties with rivalry > 0 (rankings broken by the other's
     * id, ascending); {@code churn} = the relationship metrics.
     */
    static RelationshipSummary summary(Map<String, Map<String, RelationshipTie>> current,
            Map<String, Object> churn) {
        return summary(current, churn, Map.of(), RelationshipSummary.EMPTY);
    }

    /**
     * As {@link #summary(Map, Map)}, reusing the previous tick's entry of an owner whose ties are the very same object
     * as in {@code previousTies} (its rankings cannot have changed).
     */
    static RelationshipSummary summary(Map<String, Map<String, RelationshipTie>> current,
            Map<String, Object> churn, Map<String, Map<String, RelationshipTie>> previousTies,
            RelationshipSummary previous) {
        if (current.isEmpty() && churn.isEmpty()) {
            return RelationshipSummary.EMPTY;
        }
        TopThree friends = new TopThree();
        TopThree rivals = new TopThree();
        LinkedHashMap<String, AgentRelationshipSummary> agents = new LinkedHashMap<>(capacity(current.size()));
        for (Map.Entry<String, Map<String, RelationshipTie>> row : current.entrySet()) {
            AgentRelationshipSummary kept = previous.agents().get(row.getKey());
            if (kept != null && previousTies.get(row.getKey()) == row.getValue()) {
                agents.put(row.getKey(), kept);
                continue;
            }
            friends.clear();
            rivals.clear();
            row.getValue().forEach((other, value) -> {
                if (value == null) {
                    return;
                }
                friends.offer(other, value, -(value.trust() + value.familiarity()));
                if (value.rivalry() > 0) {
                    rivals.offer(other, value, -value.rivalry());
                }
            });
            List<FriendEntry> topFriends = listOf(friends.size(), friendEntry(friends, 0), friendEntry(friends, 1),
                    friendEntry(friends, 2));
            List<RivalEntry> topRivals = listOf(rivals.size(), rivalEntry(rivals, 0), rivalEntry(rivals, 1),
                    rivalEntry(rivals, 2));
            // Immutable lists, which the record keeps as they are (List.copyOf returns them).
            agents.put(row.getKey(), new AgentRelationshipSummary(topFriends, topRivals));
        }
        // An unmodifiable map, which the record keeps as it is (JsonMaps.copyOf) instead of copying.
        return new RelationshipSummary(Collections.unmodifiableMap(agents), churn);
    }

    /** The friend of rank {@code rank}, or null when there is none. */
    private static FriendEntry friendEntry(TopThree friends, int rank) {
        if (rank >= friends.size()) {
            return null;
        }
        RelationshipTie value = friends.tie(rank);
        return new FriendEntry(friends.other(rank), value.trust(), value.familiarity(), value.rivalry());
    }

    /** The rival of rank {@code rank}, or null when there is none. */
    private static RivalEntry rivalEntry(TopThree rivals, int rank) {
        return rank >= rivals.size() ? null : new RivalEntry(rivals.other(rank), rivals.tie(rank).rivalry());
    }

    /** The first {@code size} (0–3) of the given elements as an immutable list, without an intermediate array. */
    private static <E> List<E> listOf(int size, E first, E second, E third) {
        return switch (size) {
            case 0 -> List.of();
            case 1 -> List.of(first);
            case 2 -> List.of(first, second);
            default -> List.of(first, second, third);
        };
    }

    /**
     * The first {@value #TOP} of an owner's ties in ranking order, selected in one pass. A candidate goes before
     * another when {@code Double.compare(score, otherScore) < 0}, or on equal scores when its other's id is smaller:
     * exactly the order of sorting by {@code Comparator.comparingDouble(score).thenComparing(id)}, so the selection
     * equals the first three of that sort (ids are unique within an owner). Scores are negated values, so the largest
     * value ranks first and NaN last. Reused across owners within one call; not thread-safe.
     */
    static final class TopThree {
        private final String[] others = new String[TOP];
        private final RelationshipTie[] ties = new RelationshipTie[TOP];
        private final double[] scores = new double[TOP];
        private int size;

        void clear() {
            size = 0;
        }

        int size() {
            return size;
        }

        String other(int rank) {
            return others[rank];
        }

        RelationshipTie tie(int rank) {
            return ties[rank];
        }

        /** Considers one tie; keeps it if it ranks among the first {@value #TOP} so far. */
        void offer(String other, RelationshipTie tie, double score) {
            int position = size;
            while (position > 0 && before(score, other, scores[position - 1], others[position - 1])) {
                position--;
            }
            if (position >= TOP) {
                return;
            }
            int last = Math.min(size, TOP - 1);
            for (int i = last; i > position; i--) {
                others[i] = others[i - 1];
                ties[i] = ties[i - 1];
                scores[i] = scores[i - 1];
            }
            others[position] = other;
            ties[position] = tie;
            scores[position] = score;
            size = Math.min(size + 1, TOP);
        }

        private static boolean before(double score, String other, double thanScore, String thanOther) {
            int order = Double.compare(score, thanScore);
            return order < 0 || (order == 0 && other.compareTo(thanOther) < 0);
        }
    }

    /** This tick's deltas by owner, then other; a later update of the same pair wins, as it always did. */
    private static Map<String, Map<String, RelationshipTie>> deltasByOwner(List<RelationshipUpdate> updates) {
        if (updates.isEmpty()) {
            return Map.of();
        }
        HashMap<String, Map<String, RelationshipTie>> deltas = new HashMap<>();
        for (RelationshipUpdate update : updates) {
            deltas.computeIfAbsent(update.owner(), owner -> new HashMap<>(8)).put(update.other(), update.delta());
        }
        return deltas;
    }

    /** A {@link HashMap} capacity that holds {@code entries} without resizing. */
    private static int capacity(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    private static boolean moved(RelationshipTie before, RelationshipTie now) {
        return Math.abs(now.trust() - before.trust()) > TOLERANCE
                || Math.abs(now.familiarity() - before.familiarity()) > TOLERANCE
                || Math.abs(now.rivalry() - before.rivalry()) > TOLERANCE;
    }

    private static RelationshipUpdate removed(String owner, String other, RelationshipTie previous) {
        RelationshipTie old = tieOf(previous);
        return RelationshipUpdate.of(owner, other, RelationshipTie.ZERO, RelationshipStatus.REMOVED,
                RelationshipTie.ZERO.minus(old));
    }

    private static RelationshipTie tieOf(RelationshipTie tie) {
        return tie == null ? RelationshipTie.ZERO : tie;
    }
}
