package org.townlet.telemetry.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.OverlayEntry;
import org.townlet.telemetry.api.event.RelationshipStatus;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;

/**
 * {@link Relationships} selects each ranking's top three in one pass instead of sorting, and indexes deltas by owner.
 * These tests compare it with the previous implementation, kept verbatim in {@link ReferenceRelationships}, on random
 * snapshots made to produce equal scores (ties broken by id), -0.0, NaN, null ties, empty owners, reused rows and tiny
 * changes, and require equal results in the same order.
 */
class RelationshipsEquivalenceTest {
    private static final String[] AGENTS = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"};

    @Test
    void updatesOverlayAndSummaryEqualThePreviousImplementation() {
        SplittableRandom random = new SplittableRandom(6_2_3);
        int compared = 0;
        Map<String, Map<String, RelationshipTie>> previous = snapshot(random);
        // What the store passes as "previous": the reusing variants' own results, chained tick after tick.
        Map<String, List<OverlayEntry>> previousOverlay = Map.of();
        RelationshipSummary previousSummary = RelationshipSummary.EMPTY;
        int reused = 0;
        for (int tick = 0; tick < 4_000; tick++) {
            Map<String, Map<String, RelationshipTie>> current = evolve(random, previous);
            Map<String, Object> churn = random.nextInt(4) == 0 ? Map.of() : Map.of("total", (long) tick);

            List<RelationshipUpdate> updates = Relationships.updates(previous, current);
            assertSame("updates", updates, ReferenceRelationships.updates(previous, current), tick);
            assertSame("overlay", Relationships.overlay(current, updates),
                    ReferenceRelationships.overlay(current, updates), tick);
            List<RelationshipUpdate> arbitrary = arbitraryUpdates(random);
            assertSame("overlay with arbitrary updates", Relationships.overlay(current, arbitrary),
                    ReferenceRelationships.overlay(current, arbitrary), tick);
            RelationshipSummary summary = Relationships.summary(current, churn);
            assertSame("summary", summary, ReferenceRelationships.summary(current, churn), tick);
            compared += summary.agents().size();

            Map<String, List<OverlayEntry>> overlayReusing = Relationships.overlay(current, updates, previous,
                    previousOverlay);
            assertSame("overlay reusing unchanged owners", overlayReusing,
                    ReferenceRelationships.overlay(current, updates), tick);
            RelationshipSummary summaryReusing = Relationships.summary(current, churn, previous, previousSummary);
            assertSame("summary reusing unchanged owners", summaryReusing,
                    ReferenceRelationships.summary(current, churn), tick);
            for (Map.Entry<String, List<OverlayEntry>> owner : overlayReusing.entrySet()) {
                if (owner.getValue() == previousOverlay.get(owner.getKey())) {
                    reused++;
                }
            }
            previousOverlay = overlayReusing;
            previousSummary = summaryReusing;
            previous = current;
        }
        assertThat(compared).as("owners compared, so the test is not vacuous").isGreaterThan(10_000);
        assertThat(reused).as("overlay lists reused, so the reuse path runs").isGreaterThan(1_000);
    }

    @Test
    void emptyInputsGiveTheSameEmptyValues() {
        assertThat(Relationships.summary(Map.of(), Map.of())).isSameAs(RelationshipSummary.EMPTY);
        assertThat(Relationships.summary(Map.of(), Map.of("total", 1L)))
                .isEqualTo(ReferenceRelationships.summary(Map.of(), Map.of("total", 1L)));
        assertThat(Relationships.overlay(Map.of(), List.of())).isEmpty();
        Map<String, Map<String, RelationshipTie>> hollow = new LinkedHashMap<>();
        hollow.put("a", Map.of());
        Map<String, RelationshipTie> nulls = new LinkedHashMap<>();
        nulls.put("b", null);
        hollow.put("c", nulls);
        assertThat(Relationships.overlay(hollow, List.of())).isEqualTo(ReferenceRelationships.overlay(hollow,
                List.of())).containsOnlyKeys("c");
        assertThat(Relationships.summary(hollow, Map.of())).isEqualTo(ReferenceRelationships.summary(hollow,
                Map.of()));
    }

    @Test
    void topThreeBreaksEqualScoresByIdAndRanksNegativeZeroAfterZeroAndNanLast() {
        Map<String, RelationshipTie> ties = new LinkedHashMap<>();
        ties.put("e", new RelationshipTie(Double.NaN, 0.0, 0.0));
        ties.put("d", new RelationshipTie(-0.0, 0.0, 0.0));
        ties.put("c", new RelationshipTie(0.0, 0.0, 0.0));
        ties.put("b", new RelationshipTie(0.0, 0.0, 0.0));
        ties.put("a", new RelationshipTie(-0.0, 0.0, 0.0));

        List<OverlayEntry> overlay = Relationships.overlay(Map.of("o", ties), List.of()).get("o");

        assertThat(overlay).extracting(OverlayEntry::other).containsExactly("b", "c", "a");
        assertThat(overlay).isEqualTo(ReferenceRelationships.overlay(Map.of("o", ties), List.of()).get("o"));
    }

    private static void assertSame(String what, Object actual, Object expected, int tick) {
        // toString shows map order too, which equals() would not compare.
        if (!actual.equals(expected) || !actual.toString().equals(expected.toString())) {
            assertThat(actual.toString()).as("%s at tick %d", what, tick).isEqualTo(expected.toString());
            assertThat(actual).as("%s at tick %d", what, tick).isEqualTo(expected);
        }
    }

    private static Map<String, Map<String, RelationshipTie>> snapshot(SplittableRandom random) {
        Map<String, Map<String, RelationshipTie>> snapshot = new LinkedHashMap<>();
        for (String owner : shuffled(random)) {
            if (random.nextInt(5) == 0) {
                continue;
            }
            Map<String, RelationshipTie> ties = new LinkedHashMap<>();
            for (String other : shuffled(random)) {
                if (random.nextInt(3) == 0) {
                    ties.put(other, random.nextInt(60) == 0 ? null : tie(random));
                }
            }
            snapshot.put(owner, random.nextInt(10) == 0 ? Collections.unmodifiableMap(ties) : ties);
        }
        return snapshot;
    }

    /** The next tick: most rows kept as they are (same object), some changed a little or a lot, some gone or new. */
    private static Map<String, Map<String, RelationshipTie>> evolve(SplittableRandom random,
            Map<String, Map<String, RelationshipTie>> previous) {
        if (random.nextInt(10) == 0) {
            return previous;
        }
        if (random.nextInt(20) == 0) {
            return snapshot(random);
        }
        Map<String, Map<String, RelationshipTie>> next = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, RelationshipTie>> row : previous.entrySet()) {
            int fate = random.nextInt(10);
            if (fate == 0) {
                continue; // owner vanished
            }
            if (fate < 6) {
                next.put(row.getKey(), row.getValue()); // unchanged row, same object
                continue;
            }
            Map<String, RelationshipTie> ties = new LinkedHashMap<>();
            row.getValue().forEach((other, tie) -> {
                int change = random.nextInt(6);
                if (change == 0) {
                    return; // tie vanished
                }
                if (tie == null || change == 1) {
                    ties.put(other, tie);
                } else if (change == 2) { // below the tolerance
                    ties.put(other, new RelationshipTie(tie.trust() + 5e-7, tie.familiarity(), tie.rivalry() - 5e-7));
                } else {
                    ties.put(other, tie(random));
                }
            });
            if (random.nextInt(3) == 0) {
                ties.put(AGENTS[random.nextInt(AGENTS.length)], tie(random));
            }
            next.put(row.getKey(), ties);
        }
        if (random.nextInt(4) == 0) {
            String owner = AGENTS[random.nextInt(AGENTS.length)];
            next.put(owner, Map.of(AGENTS[random.nextInt(AGENTS.length)], tie(random)));
        }
        return next;
    }

    private static List<RelationshipUpdate> arbitraryUpdates(SplittableRandom random) {
        List<RelationshipUpdate> updates = new ArrayList<>();
        for (int i = random.nextInt(8); i > 0; i--) { // duplicates of a pair happen: the last one wins
            updates.add(RelationshipUpdate.of(AGENTS[random.nextInt(AGENTS.length)],
                    AGENTS[random.nextInt(AGENTS.length)], tie(random), RelationshipStatus.UPDATED, tie(random)));
        }
        return updates;
    }

    /** Values on a coarse grid, so equal scores (and equal sums) are common; sometimes -0.0 or NaN. */
    private static RelationshipTie tie(SplittableRandom random) {
        return new RelationshipTie(component(random), component(random), component(random));
    }

    private static double component(SplittableRandom random) {
        return switch (random.nextInt(12)) {
            case 0 -> -0.0;
            case 1 -> random.nextInt(50) == 0 ? Double.NaN : 0.0;
            case 2 -> random.nextDouble(-1, 1);
            default -> (random.nextInt(21) - 10) / 10.0;
        };
    }

    private static List<String> shuffled(SplittableRandom random) {
        List<String> agents = new ArrayList<>(List.of(AGENTS));
        for (int i = agents.size() - 1; i > 0; i--) {
            Collections.swap(agents, i, random.nextInt(i + 1));
        }
        return agents;
    }
}
