package org.townlet.sim.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.sim.config.EmploymentSettings;
import org.townlet.sim.config.StoryBeat;
import org.townlet.sim.config.StorySettings;

/** Jobs, shifts, wages, lateness and the employment exit queue (SPEC §17.4). */
class EmploymentTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inventory(Map<String, Object> job) {
        return (Map<String, Object>) job.get("inventory");
    }

    @Test
    void shiftsPayWagesOnShiftAndReadOffOutsideThem() {
        TownDriver driver = TownDriver.of(TownDriver.named(4)).runTo(10);

        Map<String, Map<String, Object>> jobs = driver.town.worldView().jobs();
        assertThat(jobs.get("alice")).containsEntry("job_id", "cook").containsEntry("on_shift", true)
                .containsEntry("shift_state", "on_time");
        assertThat(jobs.get("bob")).containsEntry("job_id", "cleaner").containsEntry("on_shift", true);
        assertThat(jobs.get("carol")).containsEntry("job_id", "clerk");
        assertThat((Double) inventory(jobs.get("alice")).get("wages_earned")).isPositive();
        assertThat(jobs.get("dave")).containsEntry("job_id", "cook").containsEntry("on_shift", false)
                .containsEntry("shift_state", "off");
        assertThat((Double) inventory(jobs.get("dave")).get("wages_earned")).isZero();
        assertThat(jobs.get("alice").keySet()).containsExactly("job_id", "on_shift", "wallet", "lateness_counter",
                "shift_state", "attendance_ratio", "late_ticks_today", "absent_shifts_7d", "wages_withheld",
                "exit_pending", "inventory", "needs");
    }

    @Test
    void anAgentBusyAtItsShiftStartArrivesLateAndAColleagueCovers() {
        // dave's shift (with erin's and frank's) starts at time of day 480 (tick 481); he is asleep until tick 530
        TownDriver driver = TownDriver.of(TownDriver.named(6, StoryBeat.use(470, "dave", "bed_1")));

        driver.runTo(486);
        assertThat(driver.town.worldView().jobs().get("dave")).containsEntry("shift_state", "pre_shift");
        driver.runTo(487);
        assertThat(driver.events("late_help")).singleElement().satisfies(event -> {
            assertThat(event.get("agent_id")).isEqualTo("dave");
            assertThat(event.tick()).isEqualTo(487);
        });
        assertThat(driver.town.worldView().jobs().get("dave")).containsEntry("shift_state", "late")
                .containsEntry("late_ticks_today", 1L);
        driver.runTo(545);

        assertThat(driver.events("late_arrival")).singleElement().satisfies(event -> {
            assertThat(event.get("agent_id")).isEqualTo("dave");
            assertThat(event.tick()).isBetween(530L, 545L);
        });
        Map<String, Object> dave = driver.town.worldView().jobs().get("dave");
        assertThat(dave).containsEntry("lateness_counter", 1L).containsEntry("shift_state", "late");
        assertThat((Double) dave.get("wages_withheld")).isPositive();
    }

    @Test
    void reachingTheLatenessThresholdJoinsTheExitQueue() {
        TownDriver driver = TownDriver.of(TownDriver.named(3,
                StoryBeat.lateArrival(5, "alice"),
                StoryBeat.lateArrival(6, "alice"))
                .withEmployment(EmploymentSettings.builder().latenessExitThreshold(2).build()));

        driver.runTo(5);
        assertThat(driver.town.exitQueueLength()).isZero();
        driver.runTo(6);

        assertThat(driver.events("employment_exit_pending")).singleElement()
                .satisfies(event -> assertThat(event.get("reason")).isEqualTo("lateness"));
        Map<String, Object> employment = driver.town.worldView().employment();
        assertThat(employment.keySet()).containsExactly("pending", "pending_count", "exits_today", "daily_exit_cap",
                "queue_limit", "review_window");
        assertThat(employment).containsEntry("pending_count", 1L).containsEntry("daily_exit_cap", 2L)
                .containsEntry("queue_limit", 8L).containsEntry("review_window", 1440L);
        assertThat(driver.town.pendingExits()).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("agent_id", "alice")
                        .containsEntry("enqueued_tick", 6L));
        assertThat(driver.town.worldView().jobs().get("alice")).containsEntry("exit_pending", true);
        assertThat(driver.events("late_help")).hasSize(2);
    }

    @Test
    void exitsAreCappedPerDayAndReplacementsArriveWithNewIds() {
        TownDriver driver = TownDriver.of(TownSettings.of(3, List.of("a", "b", "c", "d", "e"), 100)
                .withEmployment(EmploymentSettings.builder().latenessExitThreshold(1).reviewWindow(10)
                        .replacementDelayTicks(5).build())
                .withStory(StorySettings.of(StoryBeat.lateArrival(2, "a"), StoryBeat.lateArrival(2, "b"),
                        StoryBeat.lateArrival(2, "c"), StoryBeat.lateArrival(2, "d"))));

        driver.runTo(11);
        assertThat(driver.town.exitQueueLength()).isEqualTo(4);
        driver.runTo(12);
        assertThat(driver.events("employment_exit")).extracting(event -> event.get("agent_id"))
                .containsExactly("a", "b");
        assertThat(driver.town.worldView().employment()).containsEntry("exits_today", 2L)
                .containsEntry("pending_count", 2L);
        assertThat(driver.town.agentIds()).containsExactly("c", "d", "e");

        driver.runTo(17);
        assertThat(driver.events("employment_arrival")).extracting(event -> event.get("agent_id"),
                event -> event.get("replaces")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("agent_0006", "a"),
                        org.assertj.core.groups.Tuple.tuple("agent_0007", "b"));
        assertThat(driver.town.agentIds()).containsExactly("agent_0006", "agent_0007", "c", "d", "e");
        assertThat(driver.town.worldView().jobs().get("agent_0006")).containsEntry("job_id", "cook");

        driver.runTo(100);
        assertThat(driver.events("employment_exit")).hasSize(2);
        driver.runTo(101);
        assertThat(driver.events("employment_exit")).extracting(event -> event.get("agent_id"))
                .containsExactly("a", "b", "c", "d");
        assertThat(driver.town.worldView().employment()).containsEntry("exits_today", 2L)
                .containsEntry("pending_count", 0L);
    }

    @Test
    void theExitQueueHoldsAtMostQueueLimitAgents() {
        TownDriver driver = TownDriver.of(TownDriver.named(3,
                StoryBeat.lateArrival(2, "alice"), StoryBeat.lateArrival(2, "bob"), StoryBeat.lateArrival(2, "carol"))
                .withEmployment(EmploymentSettings.builder().latenessExitThreshold(1).queueLimit(2).build()));

        driver.runTo(2);

        assertThat(driver.town.pendingExits()).extracting(entry -> entry.get("agent_id"))
                .containsExactly("alice", "bob");
        assertThat(driver.town.worldView().jobs().get("carol")).containsEntry("exit_pending", false);
    }

    @Test
    void consoleApprovalExitsNowAndDeferralRestartsTheReview() {
        TownDriver driver = TownDriver.of(TownDriver.named(3,
                StoryBeat.lateArrival(2, "alice"), StoryBeat.lateArrival(2, "bob"))
                .withEmployment(EmploymentSettings.builder().latenessExitThreshold(1).reviewWindow(50).build()));
        driver.runTo(5);

        assertThat(driver.town.approveExit("alice", "ticket")).isTrue();
        assertThat(driver.town.approveExit("carol", "ticket")).isFalse();
        assertThat(driver.town.deferExit("bob")).isTrue();
        driver.runTo(6);
        assertThat(driver.town.hasAgent("alice")).isFalse();
        assertThat(driver.events("employment_exit")).singleElement()
                .satisfies(event -> assertThat(event.get("approval")).isEqualTo("console"));
        assertThat(driver.town.drainExitNotices()).isEmpty();
        assertThat(driver.town.pendingExits()).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("agent_id", "bob").containsEntry("enqueued_tick",
                        5L));

        driver.runTo(54);
        assertThat(driver.town.hasAgent("bob")).isTrue();
        driver.runTo(55);
        assertThat(driver.town.hasAgent("bob")).isFalse();
    }

    @Test
    void anApprovalBeyondTheDailyCapExitsOnALaterDayWithANotice() {
        TownDriver driver = TownDriver.of(TownDriver.named(3, StoryBeat.lateArrival(2, "alice"))
                .withEmployment(EmploymentSettings.builder().latenessExitThreshold(1).dailyExitCap(0).build()));
        driver.runTo(3);

        driver.town.approveExit("alice", "ticket-1");
        driver.runTo(1500);

        assertThat(driver.town.hasAgent("alice")).isTrue();
        assertThat(driver.town.drainExitNotices()).isEmpty();
    }
}
