package org.townlet.telemetry.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.AgentRelationshipSummary;
import org.townlet.telemetry.api.event.FriendEntry;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.RelationshipStatus;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalEntry;

class RelationshipsTest {

    private static RelationshipTie tie(double trust, double familiarity, double rivalry) {
        return new RelationshipTie(trust, familiarity, rivalry);
    }

    @SafeVarargs
    private static Map<String, RelationshipTie> ties(Map.Entry<String, RelationshipTie>... entries) {
        LinkedHashMap<String, RelationshipTie> map = new LinkedHashMap<>();
        for (Map.Entry<String, RelationshipTie> entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
        return map;
    }

    @Test
    void updatesVisitCurrentTiesThenVanishedTiesThenVanishedOwners() {
        LinkedHashMap<String, Map<String, RelationshipTie>> previous = new LinkedHashMap<>();
        previous.put("alice", ties(Map.entry("bob", tie(0.5, 0.5, 0.0)), Map.entry("carol", tie(0.2, 0.1, 0.3))));
        previous.put("dave", ties(Map.entry("alice", tie(0.1, 0.0, 0.0))));
        LinkedHashMap<String, Map<String, RelationshipTie>> current = new LinkedHashMap<>();
        current.put("alice", ties(Map.entry("bob", tie(0.6, 0.5, 0.0)), Map.entry("erin", tie(0.3, 0.2, 0.0))));
        current.put("bob", ties(Map.entry("alice", tie(0.4, 0.4, 0.1))));

        List<RelationshipUpdate> updates = Relationships.updates(previous, current);

        assertThat(updates).extracting(update -> update.owner() + "->" + update.other() + ":" + update.status())
                .containsExactly("alice->bob:UPDATED", "alice->erin:ADDED", "alice->carol:REMOVED",
                        "bob->alice:ADDED", "dave->alice:REMOVED");
        assertThat(updates.get(0).delta().trust()).isEqualTo(0.6 - 0.5);
        assertThat(updates.get(1).delta()).isEqualTo(tie(0.3, 0.2, 0.0));
        assertThat(updates.get(2)).isEqualTo(new RelationshipUpdate("alice", "carol", 0.0, 0.0, 0.0,
                RelationshipStatus.REMOVED, tie(-0.2, -0.1, -0.3)));
    }

    @Test
    void changesUpToOneMillionthAreNotUpdates() {
        Map<String, Map<String, RelationshipTie>> previous = Map.of("alice", Map.of("bob", tie(0.5, 0.5, 0.5)));

        assertThat(Relationships.updates(previous, Map.of("alice", Map.of("bob", tie(0.5 + 9e-7, 0.5, 0.5 - 9e-7)))))
                .isEmpty();
        assertThat(Relationships.updates(previous, Map.of("alice", Map.of("bob", tie(0.5, 0.5 + 2e-6, 0.5)))))
                .singleElement().satisfies(update -> assertThat(update.status())
                        .isEqualTo(RelationshipStatus.UPDATED));
        assertThat(Relationships.updates(previous, previous)).isEmpty();
    }

    @Test
    void overlayKeepsTheTopThreeByTrustWithThisTicksDeltas() {
        Map<String, Map<String, RelationshipTie>> current = Map.of("alice", ties(
                Map.entry("dave", tie(0.4, 0.0, 0.0)), Map.entry("bob", tie(0.9, 0.0, 0.0)),
                Map.entry("carol", tie(0.4, 0.0, 0.0)), Map.entry("erin", tie(0.1, 0.0, 0.0))));
        List<RelationshipUpdate> updates = List.of(RelationshipUpdate.of("alice", "bob", tie(0.9, 0.0, 0.0),
                RelationshipStatus.UPDATED, tie(0.2, 0.0, 0.0)));

        List<OverlayEntry> overlay = Relationships.overlay(current, updates).get("alice");

        assertThat(overlay).extracting(OverlayEntry::other).containsExactly("bob", "carol", "dave");
        assertThat(overlay.get(0).deltaTrust()).isEqualTo(0.2);
        assertThat(overlay.get(1).deltaTrust()).isZero();
    }

    @Test
    void summaryRanksFriendsAndRivalsWithTiesBrokenById() {
        Map<String, Map<String, RelationshipTie>> current = Map.of("alice", ties(
                Map.entry("erin", tie(0.5, 0.5, 0.0)), Map.entry("bob", tie(0.9, 0.0, 0.2)),
                Map.entry("dave", tie(0.3, 0.7, 0.9)), Map.entry("carol", tie(0.1, 0.1, 0.2))));

        RelationshipSummary summary = Relationships.summary(current, Map.of("total", 3));

        AgentRelationshipSummary alice = summary.agents().get("alice");
        assertThat(alice.topFriends()).extracting(FriendEntry::agent).containsExactly("dave", "erin", "bob");
        assertThat(alice.topRivals()).extracting(RivalEntry::agent).containsExactly("dave", "bob", "carol");
        assertThat(summary.churn()).containsEntry("total", 3);
        assertThat(Relationships.summary(Map.of(), Map.of())).isEqualTo(RelationshipSummary.EMPTY);
    }
}
