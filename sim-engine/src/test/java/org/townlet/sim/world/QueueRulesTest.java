package org.townlet.sim.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.townlet.sim.config.QueueSettings;
import org.townlet.sim.config.RelationshipSettings;
import org.townlet.sim.config.StoryBeat;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.RunningAffordance;

/** Queues (SPEC §17.2): FIFO with the reservation at the head, rotation, ghost steps, cooldown, patience. */
class QueueRulesTest {

    @Test
    void aFinishedUsePassesTheReservationOnAndCountsARotation() {
        TownDriver driver = TownDriver.of(TownDriver.named(2,
                StoryBeat.use(2, "alice", "bed_1"),
                StoryBeat.use(3, "bob", "bed_1")));

        driver.runTo(3);
        assertThat(driver.town.worldView().activeReservations().get("bed_1")).containsEntry("agent_id", "alice")
                .containsEntry("tick", 2L);
        assertThat(driver.town.worldView().runningAffordances().get("bed_1"))
                .isEqualTo(new RunningAffordance("alice", "rest_sleep", 2, 59));
        driver.runTo(61);
        assertThat(driver.town.queueMetrics().rotationEvents()).isZero();

        driver.runTo(62);
        assertThat(driver.events("sleep_complete")).singleElement().satisfies(event -> {
            assertThat(event.tick()).isEqualTo(62);
            assertThat(event.get("agent_id")).isEqualTo("alice");
            assertThat(event.get("object_id")).isEqualTo("bed_1");
        });
        assertThat(driver.town.queueMetrics().rotationEvents()).isEqualTo(1);
        assertThat(driver.town.worldView().activeReservations().get("bed_1")).containsEntry("agent_id", "bob")
                .containsEntry("tick", 62L);
        assertThat(driver.town.worldView().runningAffordances().get("bed_1").agentId()).isEqualTo("bob");
    }

    @Test
    void aReservedHeadAbsentForGhostStepTicksIsSkippedWithAConflict() {
        TownDriver driver = TownDriver.of(TownDriver.named(3,
                StoryBeat.use(2, "alice", "shower_1"),
                StoryBeat.use(3, "bob", "shower_1"),
                StoryBeat.stepAway(4, "bob", 60),
                StoryBeat.use(5, "carol", "shower_1")));

        driver.runTo(32);
        assertThat(driver.events("shower_complete")).extracting(event -> event.get("agent_id"))
                .containsExactly("alice");
        assertThat(driver.town.worldView().activeReservations().get("shower_1")).containsEntry("agent_id", "bob");
        driver.runTo(36);
        assertThat(driver.town.queueMetrics().ghostStepEvents()).isZero();

        driver.runTo(37);
        assertThat(driver.town.queueMetrics().ghostStepEvents()).isEqualTo(1);
        assertThat(driver.events("queue_conflict")).singleElement().satisfies(event -> {
            assertThat(event.tick()).isEqualTo(37);
            assertThat(event.get("actor")).isEqualTo("bob");
            assertThat(event.get("rival")).isEqualTo("carol");
            assertThat(event.get("reason")).isEqualTo("ghost_step");
            assertThat(event.get("object_id")).isEqualTo("shower_1");
        });
        assertThat(driver.rivalry()).extracting(RivalryEvent::agentA, RivalryEvent::agentB, RivalryEvent::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "carol", "ghost_step"));
        assertThat(driver.town.worldView().runningAffordances().get("shower_1").agentId()).isEqualTo("carol");
    }

    @Test
    void rejoiningWithinTheCooldownIsRefusedAndCounted() {
        TownDriver driver = TownDriver.of(TownDriver.named(2,
                StoryBeat.use(2, "alice", "bed_1"),
                StoryBeat.use(70, "alice", "bed_1"),
                StoryBeat.use(100, "alice", "bed_1")));

        driver.runTo(69);
        long before = driver.town.queueMetrics().cooldownEvents();
        driver.runTo(70);
        assertThat(driver.town.queueMetrics().cooldownEvents()).isEqualTo(before + 1);
        assertThat(driver.town.worldView().activeReservations()).doesNotContainKey("bed_1");

        driver.runTo(100);
        assertThat(driver.town.worldView().runningAffordances().get("bed_1").agentId()).isEqualTo("alice");
    }

    @Test
    void waitingBeyondPatienceLeavesWithAConflictAgainstTheHead() {
        TownDriver driver = TownDriver.of(TownDriver.named(2,
                StoryBeat.use(2, "alice", "bed_1"),
                StoryBeat.use(3, "bob", "bed_1"))
                .withQueues(QueueSettings.builder().patienceTicks(10).build())
                .withRelationships(RelationshipSettings.builder().evictionFloor(0.01).build()));

        driver.runTo(13);
        assertThat(driver.events("queue_conflict")).isEmpty();
        driver.runTo(14);
        assertThat(driver.events("queue_conflict")).singleElement().satisfies(event -> {
            assertThat(event.get("actor")).isEqualTo("bob");
            assertThat(event.get("rival")).isEqualTo("alice");
            assertThat(event.get("reason")).isEqualTo("patience");
            assertThat((Double) event.get("intensity")).isBetween(0.0, 1.0);
            assertThat(event.get("queue_length")).isEqualTo(2L);
        });
        RivalryEvent rivalry = driver.rivalry().get(0);
        // raised by intensity × 0.1; tick 14 is no decay step (decay runs every 10th tick), so nothing decayed yet
        assertThat(driver.town.worldView().relationships().get("alice").get("bob").rivalry())
                .isCloseTo(rivalry.intensity() * 0.1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(driver.town.worldView().activeReservations().get("bed_1")).containsEntry("agent_id", "alice");
    }

    @Test
    void anAgentAvoidsAQueueWhereARivalWaits() {
        TownDriver driver = TownDriver.of(TownDriver.named(2,
                StoryBeat.queueConflict(2, "fridge_1", "bob", "alice", 1.0, "patience"),
                StoryBeat.use(3, "alice", "bed_1"),
                StoryBeat.use(4, "bob", "bed_1")));

        driver.runTo(4);

        assertThat(driver.social("rivalry_avoidance")).singleElement().satisfies(event -> {
            assertThat(event.get("agent")).isEqualTo("bob");
            assertThat(event.get("object")).isEqualTo("bed_1");
            assertThat(event.get("rival")).isEqualTo("alice");
        });
        assertThat(driver.town.worldView().activeReservations().get("bed_1")).containsEntry("agent_id", "alice");
        assertThat(driver.town.rewards().breakdown().get("bob").get("social_avoidance")).isPositive();
    }

    @Test
    void noAgentEverHoldsTwoReservations() {
        TownDriver driver = TownDriver.of(TownSettings.of(11, TownTest.agents(20), 300)
                .withQueues(QueueSettings.builder().patienceTicks(20).ghostStepTicks(2).build()));

        int[] reservations = {0};
        driver.runWhile(1500, town -> {
            Set<Object> holders = new HashSet<>();
            for (Map<String, Object> reservation : town.worldView().activeReservations().values()) {
                reservations[0]++;
                if (!holders.add(reservation.get("agent_id"))) {
                    return false;
                }
            }
            return true;
        });
        assertThat(reservations[0]).isPositive();
        assertThat(driver.town.queueMetrics().rotationEvents()).isPositive();
        assertThat(driver.events("queue_conflict")).isNotEmpty();
    }
}
