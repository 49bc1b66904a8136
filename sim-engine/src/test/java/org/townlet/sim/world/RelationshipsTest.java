package org.townlet.sim.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.sim.config.RelationshipSettings;
import org.townlet.telemetry.api.event.RelationshipTie;

/** Ties, decay, eviction with reasons, tie capacity and the churn payload (SPEC §17.5). */
class RelationshipsTest {

    private static Agent agent(String id) {
        return new Agent(id, 0, Profile.BALANCED, 0, 0, 0, Job.COOK, 0, null, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> part(Map<String, Object> churn, String key) {
        return (Map<String, Long>) churn.get(key);
    }

    @Test
    void tiesDecayTowardsZeroAndAreEvictedUnderTheFloor() {
        Relationships relationships = new Relationships(RelationshipSettings.DEFAULTS);
        Agent alice = agent("alice");
        Agent bob = agent("bob");
        Agent[] agents = {alice, bob};
        relationships.adjust(alice, "bob", 0.1, -0.06, 0.0);

        for (int i = 0; i < 10; i++) {
            relationships.decay(agents);
        }
        assertThat(alice.tie("bob").trust).isCloseTo(0.095, within(1e-12));
        assertThat(alice.tie("bob").familiarity).isCloseTo(-0.055, within(1e-12));

        for (int i = 0; i < 100 && alice.tie("bob") != null; i++) {
            relationships.decay(agents);
        }
        assertThat(alice.ties).isEmpty();
        Map<String, Object> churn = relationships.churn();
        assertThat(churn).containsEntry("total", 1L);
        assertThat(part(churn, "owners")).containsExactly(Map.entry("alice", 1L));
        assertThat(part(churn, "reasons")).containsExactly(Map.entry("decay", 1L));
    }

    @Test
    void decayRunsEveryTenthTickWithTenTicksWorthOfStep() {
        Relationships relationships = new Relationships(RelationshipSettings.DEFAULTS);
        Agent alice = agent("alice");
        Agent[] agents = {alice, agent("bob")};
        relationships.adjust(alice, "bob", 0.1, -0.06, 0.0);

        for (long tick = 1; tick <= 9; tick++) {
            relationships.decayAt(tick, agents);
        }
        assertThat(alice.tie("bob").trust).isEqualTo(0.1);
        relationships.decayAt(10, agents);
        assertThat(alice.tie("bob").trust).isCloseTo(0.095, within(1e-12));
        assertThat(alice.tie("bob").familiarity).isCloseTo(-0.055, within(1e-12));
    }

    @Test
    void aNewTieBeyondCapacityEvictsTheWeakest() {
        Relationships relationships = new Relationships(RelationshipSettings.builder().tieCapacity(2).build());
        Agent alice = agent("alice");
        relationships.adjust(alice, "bob", 0.5, 0.5, 0.0);
        relationships.adjust(alice, "carol", 0.1, 0.0, 0.0);
        relationships.adjust(alice, "dave", 0.3, 0.0, 0.0);

        assertThat(alice.ties).extracting(tie -> tie.other).containsExactly("bob", "dave");
        assertThat(part(relationships.churn(), "reasons")).containsExactly(Map.entry("capacity", 1L));
    }

    @Test
    void anExitEvictsTheLeaversTiesAndTiesHeldToIt() {
        Relationships relationships = new Relationships(RelationshipSettings.DEFAULTS);
        Agent alice = agent("alice");
        Agent bob = agent("bob");
        Agent carol = agent("carol");
        relationships.chat(alice, bob, 0.9, true);
        relationships.chat(carol, bob, 0.9, true);
        relationships.adjust(alice, "carol", 0.3, 0.3, 0.0);

        relationships.removeAgent(bob, new Agent[] {alice, bob, carol});

        assertThat(alice.ties).extracting(tie -> tie.other).containsExactly("carol");
        assertThat(bob.ties).isEmpty();
        assertThat(carol.ties).isEmpty();
        Map<String, Object> churn = relationships.churn();
        assertThat(part(churn, "reasons")).containsExactly(Map.entry("exit", 4L));
        assertThat(part(churn, "owners")).containsExactly(Map.entry("alice", 1L), Map.entry("bob", 2L),
                Map.entry("carol", 1L));
    }

    @Test
    void churnIsCountedInFixedWindowsWithABoundedHistory() {
        Relationships relationships = new Relationships(RelationshipSettings.builder().churnWindow(10).tieCapacity(1)
                .build());
        Agent alice = agent("alice");
        Map<String, Object> empty = relationships.churn();
        assertThat(empty.keySet()).containsExactly("window_start", "window_end", "total", "owners", "reasons",
                "history");
        assertThat(empty).containsEntry("window_start", 0L).containsEntry("window_end", 10L)
                .containsEntry("total", 0L).containsEntry("history", List.of());
        assertThat(relationships.churn()).isSameAs(empty);

        for (long tick = 1; tick <= 120; tick++) {
            relationships.rollWindow(tick);
            if (tick % 10 == 5) {
                relationships.adjust(alice, "other_" + tick, 0.5, 0.0, 0.0);
            }
        }
        relationships.rollWindow(120);

        Map<String, Object> churn = relationships.churn();
        assertThat(churn).containsEntry("window_start", 120L).containsEntry("window_end", 130L)
                .containsEntry("total", 0L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) churn.get("history");
        assertThat(history).hasSize(Relationships.HISTORY);
        assertThat(history.get(history.size() - 1)).containsEntry("window_start", 110L).containsEntry("total", 1L);
        assertThat(history.get(0)).containsEntry("window_start", 40L);
    }

    @Test
    void theSnapshotIsSortedAndRounded() {
        Relationships relationships = new Relationships(RelationshipSettings.DEFAULTS);
        Agent alice = agent("alice");
        Agent bob = agent("bob");
        relationships.adjust(bob, "carol", 0.123456, 0.2, 0.0);
        relationships.adjust(bob, "alice", 0.3, 0.2, 0.1);

        Map<String, Map<String, RelationshipTie>> snapshot = relationships.snapshot(new Agent[] {alice, bob});

        assertThat(snapshot).containsOnlyKeys("bob");
        assertThat(snapshot.get("bob").keySet()).containsExactly("alice", "carol");
        assertThat(snapshot.get("bob").get("carol")).isEqualTo(new RelationshipTie(0.1235, 0.2, 0.0));
        assertThat(relationships.snapshot(new Agent[] {alice, bob}).get("bob")).isSameAs(snapshot.get("bob"));
    }
}
