package org.townlet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.townlet.sim.config.EmploymentSettings;
import org.townlet.sim.config.PerturbationSettings;
import org.townlet.sim.config.ScheduledPerturbation;
import org.townlet.sim.config.StabilitySettings;
import org.townlet.sim.config.StoryBeat;
import org.townlet.sim.config.StorySettings;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleStatus;
import org.townlet.telemetry.api.event.EventTypes;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.RunningAffordance;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.testing.ManualTicker;
import org.townlet.telemetry.testing.RecordingSink;

/**
 * The town through the loop: the default small story, and the simulation bullets of SPEC §21 with alice and bob.
 */
class TownStoryTest {

    private static List<LoopTick> loopTicks(RecordingSink sink) {
        return sink.events(EventTypes.LOOP_TICK).stream().map(event -> (LoopTick) event.payload()).toList();
    }

    private static RecordingSink run(SimulationConfig config, long ticks) {
        RecordingSink sink = new RecordingSink();
        new SimulationLoop(config, sink, new ManualTicker()).run(ticks);
        return sink;
    }

    private static SimulationConfig.Builder aliceAndBob(StoryBeat... beats) {
        return SimulationConfig.builder().agentNames("alice", "bob").story(StorySettings.of(beats))
                .perturbations(PerturbationSettings.builder().priceSpikeRate(0.0).build());
    }

    private static Set<String> worldEventNames(List<LoopTick> ticks) {
        Set<String> names = new HashSet<>();
        ticks.forEach(tick -> tick.events().forEach(event -> names.add(event.name())));
        return names;
    }

    private static List<WorldEvent> worldEvents(List<LoopTick> ticks, String name) {
        List<WorldEvent> events = new ArrayList<>();
        ticks.forEach(tick -> tick.events().stream().filter(event -> event.name().equals(name)).forEach(events::add));
        return events;
    }

    /** Whether the value read from tick 1 (the first keyframe) differs from the value of some tick up to 500. */
    private static boolean changesAfterFirstTick(List<LoopTick> ticks, Function<LoopTick, Object> field) {
        Object first = field.apply(ticks.get(0));
        return ticks.stream().skip(1).map(field).anyMatch(value -> !value.equals(first));
    }

    @Test
    void theSmallStoryChangesEverySectionWithin500Ticks() {
        RecordingSink sink = run(SimulationConfig.defaults(), 500);
        List<LoopTick> ticks = loopTicks(sink);
        List<Map<String, Object>> stability = sink.events(EventTypes.STABILITY_METRICS).stream()
                .map(event -> ((StabilityMetrics) event.payload()).metrics()).toList();

        assertThat(changesAfterFirstTick(ticks, tick -> tick.world().economy())).as("economy").isTrue();
        assertThat(changesAfterFirstTick(ticks, tick -> tick.world().utilities())).as("utilities").isTrue();
        assertThat(changesAfterFirstTick(ticks, tick -> tick.world().jobs())).as("jobs").isTrue();
        assertThat(changesAfterFirstTick(ticks, tick -> tick.world().employment())).as("employment").isTrue();
        assertThat(changesAfterFirstTick(ticks, tick -> tick.world().relationships())).as("relationships").isTrue();
        assertThat(changesAfterFirstTick(ticks, tick -> tick.world().queueMetrics())).as("conflict queues").isTrue();
        assertThat(ticks.stream().anyMatch(tick -> !tick.world().rivalryEvents().isEmpty())).as("rivalry").isTrue();
        assertThat(changesAfterFirstTick(ticks, LoopTick::rewardBreakdown)).as("reward_breakdown").isTrue();
        assertThat(stability.subList(1, 500)).as("stability").anyMatch(metrics -> !metrics.equals(stability.get(0)));
        assertThat(ticks.stream().anyMatch(tick -> !tick.world().priceSpikes().isEmpty())).as("price spike").isTrue();

        // an outage and its recovery
        assertThat(worldEvents(ticks, "utility_outage")).isNotEmpty();
        assertThat(worldEvents(ticks, "utility_restored")).isNotEmpty();
        // an agent whose lateness reached the threshold is pending exit
        assertThat(worldEvents(ticks, "employment_exit_pending")).singleElement()
                .satisfies(event -> assertThat(event.attribute("reason")).isEqualTo("lateness"));
        assertThat(ticks.get(499).world().employment()).containsEntry("pending_count", 1L);
        // what the narrator narrates (SPEC §7.3)
        assertThat(worldEventNames(ticks)).contains("queue_conflict", "shower_power_outage", "shower_complete",
                "sleep_complete", "affordance_fail", "affordance_precondition_fail", "late_help");
        Set<String> social = new HashSet<>();
        ticks.forEach(tick -> tick.socialEvents().forEach(event -> social.add(event.type())));
        assertThat(social).contains("chat_success", "chat_failure", "rivalry_avoidance");
        assertThat(sink.manualNarrations()).extracting(ManualNarration::message)
                .containsExactly("A new day begins in Townlet.", "Evening falls over Townlet.");
    }

    @Test
    void theSmallStoryHappensEarlyForAnySeed() {
        for (long seed : new long[] {1, 2, 3}) {
            List<LoopTick> ticks = loopTicks(run(SimulationConfig.builder().seed(seed).build(), 240));
            assertThat(worldEventNames(ticks)).as("seed %d", seed).contains("queue_conflict", "shower_power_outage",
                    "shower_complete", "sleep_complete", "utility_outage", "utility_restored", "price_spike",
                    "employment_exit_pending");
        }
    }

    @Test
    void aPowerOutageFailsAndRefusesShowers() {
        List<LoopTick> ticks = loopTicks(run(aliceAndBob(
                StoryBeat.use(2, "alice", "shower_1"),
                StoryBeat.use(12, "bob", "shower_1"))
                .perturbations(PerturbationSettings.builder().priceSpikeRate(0.0)
                        .schedule(ScheduledPerturbation.outage(10, "power_outage", 20)).build())
                .build(), 12));

        LoopTick outage = ticks.get(9);
        assertThat(outage.world().utilities()).containsEntry("power", false);
        assertThat(outage.events()).extracting(WorldEvent::name).contains("utility_outage", "affordance_fail");
        LoopTick refused = ticks.get(11);
        assertThat(refused.events()).extracting(WorldEvent::name)
                .contains("shower_power_outage", "affordance_precondition_fail");
        assertThat(refused.world().runningAffordances()).isEmpty();
        assertThat(refused.perturbations().active()).containsKey("power_outage_10");
    }

    @Test
    void showerAndSleepCompleteAndARunningSleepShowsItsBed() {
        List<LoopTick> ticks = loopTicks(run(aliceAndBob(
                StoryBeat.use(2, "alice", "bed_1"),
                StoryBeat.use(3, "bob", "shower_1")).build(), 62));

        assertThat(ticks.get(9).world().runningAffordances().get("bed_1"))
                .isEqualTo(new RunningAffordance("alice", "rest_sleep", 2, 52));
        assertThat(ticks.get(9).world().activeReservations().get("bed_1")).containsEntry("agent_id", "alice");
        assertThat(worldEvents(ticks, "shower_complete")).singleElement()
                .satisfies(event -> assertThat(event.attribute("agent_id")).isEqualTo("bob"));
        assertThat(worldEvents(ticks, "sleep_complete")).singleElement()
                .satisfies(event -> assertThat(event.attribute("object_id")).isEqualTo("bed_1"));
        assertThat(worldEvents(ticks, "affordance_finish")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void chatsProduceSocialEventsAndFriends() {
        List<LoopTick> ticks = loopTicks(run(aliceAndBob(
                StoryBeat.chat(2, "alice", "bob", 0.9),
                StoryBeat.chat(3, "bob", "alice", 0.85),
                StoryBeat.chat(4, "alice", "bob", 0.1)).build(), 5));

        List<SocialEvent> social = new ArrayList<>();
        ticks.forEach(tick -> social.addAll(tick.socialEvents()));
        assertThat(social).extracting(SocialEvent::type).startsWith("chat_success", "chat_success", "chat_failure");
        assertThat(social.get(0).attributes()).containsEntry("speaker", "alice").containsEntry("listener", "bob")
                .containsEntry("quality", 0.9);
        assertThat(ticks.get(4).world().relationships().get("alice").get("bob").trust()).isPositive();
        assertThat(ticks.get(4).world().relationships().get("bob").get("alice").familiarity()).isPositive();
    }

    @Test
    void aQueueConflictReachesTheRivalryEvents() {
        List<LoopTick> ticks = loopTicks(run(aliceAndBob(
                StoryBeat.queueConflict(3, "shower_1", "alice", "bob", 0.7, "patience")).build(), 3));

        assertThat(ticks.get(2).world().rivalryEvents()).singleElement().satisfies(event -> {
            assertThat(event.agentA()).isEqualTo("alice");
            assertThat(event.agentB()).isEqualTo("bob");
            assertThat(event.intensity()).isEqualTo(0.7);
            assertThat(event.reason()).isEqualTo("patience");
        });
        assertThat(ticks.get(2).world().relationships().get("alice").get("bob").rivalry()).isPositive();
    }

    @Test
    void withinTenTicksJobsHaveTheirFields() {
        LoopTick tick = loopTicks(run(aliceAndBob().build(), 10)).get(9);

        assertThat(tick.world().jobs()).containsOnlyKeys("alice", "bob");
        assertThat(tick.world().jobs().get("alice")).containsEntry("job_id", "cook").containsKey("on_shift");
        @SuppressWarnings("unchecked")
        Map<String, Object> inventory = (Map<String, Object>) tick.world().jobs().get("alice").get("inventory");
        assertThat(inventory).containsKey("wages_earned");
    }

    @Test
    void aZeroLatenessThresholdRaisesLatenessSpike() {
        RecordingSink sink = run(aliceAndBob(StoryBeat.lateArrival(3, "alice"))
                .stability(StabilitySettings.builder().latenessThreshold(0.0).build()).build(), 4);

        List<Map<String, Object>> metrics = sink.events(EventTypes.STABILITY_METRICS).stream()
                .map(event -> ((StabilityMetrics) event.payload()).metrics()).toList();
        assertThat(metrics.get(1).get("alerts")).isEqualTo(List.of());
        @SuppressWarnings("unchecked")
        List<String> alerts = (List<String>) metrics.get(3).get("alerts");
        assertThat(alerts).contains("lateness_spike");
    }

    @Test
    void theExitQueueFillsAndTheConsoleReviewsIt() {
        JournalSink sink = new JournalSink().commandsAt(8, ConsoleCommand.of("employment_exit"));
        SimulationConfig config = aliceAndBob(
                StoryBeat.lateArrival(2, "alice"), StoryBeat.lateArrival(3, "alice"), StoryBeat.lateArrival(4, "alice"),
                StoryBeat.lateArrival(5, "alice"), StoryBeat.lateArrival(6, "alice")).build();

        new SimulationLoop(config, sink, new ManualTicker()).run(8);

        LoopTick last = loopTicks(sink.recording).get(7);
        assertThat(last.world().employment()).containsEntry("pending_count", 1L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pending = (List<Map<String, Object>>) last.world().employment().get("pending");
        assertThat(pending).singleElement().satisfies(entry -> assertThat(entry).containsEntry("agent_id", "alice"));
        ConsoleEvent review = (ConsoleEvent) sink.recording.events(EventTypes.CONSOLE_RESULT).get(0).payload();
        assertThat(review.result().status()).isEqualTo(ConsoleStatus.OK);
        assertThat((Long) review.result().result().get("pending_count")).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void aSteadyRunKeepsItsQueuesFairAndItsStaffEmployed() {
        List<LoopTick> ticks = loopTicks(run(SimulationConfig.builder()
                .story(StorySettings.DEFAULTS).perturbations(PerturbationSettings.DEFAULTS)
                .employment(EmploymentSettings.DEFAULTS).build(), 400));

        LoopTick last = ticks.get(399);
        assertThat(last.world().employment()).containsEntry("pending_count", 0L);
        assertThat(last.world().queueMetrics().ghostStepEvents()).isZero();
        assertThat(last.world().affordanceManifest()).containsKeys("path", "checksum", "object_count",
                "affordance_count");
        assertThat(last.runtimeVariant()).isEqualTo("facade");
    }

    @Test
    void sameSeedGivesEqualTicksAcrossScenarios() {
        for (String scenario : List.of("small_story", "queue_conflict")) {
            SimulationConfig config = SimulationConfig.builder().scenario(scenario).seed(5).build();
            List<TelemetryEvent> first = run(config, 200).events();
            List<TelemetryEvent> second = run(config, 200).events();
            assertThat(second).as(scenario).isEqualTo(first);
        }
    }
}
