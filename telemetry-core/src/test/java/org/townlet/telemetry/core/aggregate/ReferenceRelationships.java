package org.townlet.telemetry.core.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
 * The previous {@link Relationships} (sorting per owner), kept verbatim as the reference of the equivalence tests.
 *
 * <p>The relationship derivations of one tick (SPEC §6.2, §6.3): updates against the previous snapshot, the overlay and
 * the summary. Small, linear work over the current ties (each owner has at most {@code tie_capacity} of them), done on
 * the simulation thread during {@code loop.tick} ingestion. Stateless.
 */
final class ReferenceRelationships {
    /** A component changed when it moved by more than this (SPEC §6.2). */
    static final double TOLERANCE = 1e-6;
    /** Entries per owner in the overlay and in each summary ranking. */
    static final int TOP = 3;

    private static final Comparator<Map.Entry<String, RelationshipTie>> BY_TRUST =
            Comparator.<Map.Entry<String, RelationshipTie>>comparingDouble(e -> -e.getValue().trust())
                    .thenComparing(Map.Entry::getKey);
    private static final Comparator<Map.Entry<String, RelationshipTie>> BY_FRIENDSHIP =
            Comparator.<Map.Entry<String, RelationshipTie>>comparingDouble(
                    e -> -(e.getValue().trust() + e.getValue().familiarity()))
                    .thenComparing(Map.Entry::getKey);
    private static final Comparator<Map.Entry<String, RelationshipTie>> BY_RIVALRY =
            Comparator.<Map.Entry<String, RelationshipTie>>comparingDouble(e -> -e.getValue().rivalry())
                    .thenComparing(Map.Entry::getKey);

    private ReferenceRelationships() {
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
        if (current.isEmpty()) {
            return Map.of();
        }
        Map<String, RelationshipTie> deltas = deltasByPair(updates);
        LinkedHashMap<String, List<OverlayEntry>> overlay = new LinkedHashMap<>();
        current.forEach((owner, ties) -> {
            if (ties.isEmpty()) {
                return;
            }
            List<OverlayEntry> entries = new ArrayList<>(TOP);
            for (Map.Entry<String, RelationshipTie> tie : top(ties, BY_TRUST, false)) {
                RelationshipTie value = tieOf(tie.getValue());
                RelationshipTie delta = deltas.getOrDefault(owner + '\u0000' + tie.getKey(), RelationshipTie.ZERO);
                entries.add(new OverlayEntry(owner, tie.getKey(), value.trust(), value.familiarity(),
                        value.rivalry(), delta.trust(), delta.familiarity(), delta.rivalry()));
            }
            overlay.put(owner, List.copyOf(entries));
        });
        return Collections.unmodifiableMap(overlay);
    }

    /**
     * The summary (SPEC §6.3): per owner, {@code top_friends} = top {@value #TOP} by trust + familiarity,
     * {@code top_rivals} = top {@value #TOP} by rivalry among ties with rivalry > 0 (rankings broken by the other's
     * id, ascending); {@code churn} = the relationship metrics.
     */
    static RelationshipSummary summary(Map<String, Map<String, RelationshipTie>> current,
            Map<String, Object> churn) {
        if (current.isEmpty() && churn.isEmpty()) {
            return RelationshipSummary.EMPTY;
        }
        LinkedHashMap<String, AgentRelationshipSummary> agents = new LinkedHashMap<>();
        current.forEach((owner, ties) -> {
            List<FriendEntry> friends = new ArrayList<>(TOP);
            for (Map.Entry<String, RelationshipTie> tie : top(ties, BY_FRIENDSHIP, false)) {
                RelationshipTie value = tieOf(tie.getValue());
                friends.add(new FriendEntry(tie.getKey(), value.trust(), value.familiarity(), value.rivalry()));
            }
            List<RivalEntry> rivals = new ArrayList<>(TOP);
            for (Map.Entry<String, RelationshipTie> tie : top(ties, BY_RIVALRY, true)) {
                rivals.add(new RivalEntry(tie.getKey(), tie.getValue().rivalry()));
            }
            agents.put(owner, new AgentRelationshipSummary(friends, rivals));
        });
        return new RelationshipSummary(agents, churn);
    }

    private static List<Map.Entry<String, RelationshipTie>> top(Map<String, RelationshipTie> ties,
            Comparator<Map.Entry<String, RelationshipTie>> order, boolean rivalsOnly) {
        List<Map.Entry<String, RelationshipTie>> candidates = new ArrayList<>(ties.size());
        for (Map.Entry<String, RelationshipTie> tie : ties.entrySet()) {
            if (tie.getValue() == null) {
                continue;
            }
            if (rivalsOnly && !(tie.getValue().rivalry() > 0)) {
                continue;
            }
            candidates.add(tie);
        }
        candidates.sort(order);
        return candidates.size() <= TOP ? candidates : candidates.subList(0, TOP);
    }

    private static Map<String, RelationshipTie> deltasByPair(List<RelationshipUpdate> updates) {
        if (updates.isEmpty()) {
            return Map.of();
        }
        HashMap<String, RelationshipTie> deltas = new HashMap<>(updates.size() * 2);
        for (RelationshipUpdate update : updates) {
            deltas.put(update.owner() + '\u0000' + update.other(), update.delta());
        }
        return deltas;
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
