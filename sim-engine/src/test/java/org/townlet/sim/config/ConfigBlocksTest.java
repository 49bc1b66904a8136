package org.townlet.sim.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigBlocksTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(NeedsSettings.DEFAULTS).isEqualTo(new NeedsSettings(0.0012, 0.0008, 0.0006, 0.05));
        assertThat(QueueSettings.DEFAULTS).isEqualTo(new QueueSettings(30, 5, 90));
        assertThat(EconomySettings.DEFAULTS).isEqualTo(new EconomySettings(0.4, 0.15, 0.01, 5.0, 240, 4));
        assertThat(UtilitySettings.DEFAULTS).isEqualTo(new UtilitySettings(0.0002, 30, 180));
        assertThat(EmploymentSettings.DEFAULTS).isEqualTo(new EmploymentSettings(2, 8, 1440, 480, 5, 60));
        assertThat(RelationshipSettings.DEFAULTS).isEqualTo(new RelationshipSettings(8, 600, 0.0005, 0.05));
        assertThat(PersonalitySettings.DEFAULTS.enabled()).isTrue();
        assertThat(RewardSettings.DEFAULTS.clip()).isEqualTo(1.0);
        assertThat(StabilitySettings.DEFAULTS).isEqualTo(new StabilitySettings(3.0, 500));
        assertThat(PerturbationSettings.DEFAULTS).isEqualTo(new PerturbationSettings(0.0005, 240, 720, List.of()));
        assertThat(PolicySettings.DEFAULTS.optionCommitTicks()).isEqualTo(15);
        assertThat(StorySettings.DEFAULTS.beats()).isEmpty();
        assertThat(MonitorSettings.DEFAULTS).isEqualTo(new MonitorSettings(100, 100));
        assertThat(SimulationSettings.DEFAULTS).isEqualTo(new SimulationSettings(42, "small_story", 8, List.of(), 1000,
                1440, "facade"));
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                bad("needs.hunger_decay must be 0–1; got 2.0",
                        () -> NeedsSettings.builder().hungerDecay(2.0).build()),
                bad("needs.starvation_threshold must be 0–1; got NaN",
                        () -> NeedsSettings.builder().starvationThreshold(Double.NaN).build()),
                bad("queues.ghost_step_ticks must be 1–100000; got 0",
                        () -> QueueSettings.builder().ghostStepTicks(0).build()),
                bad("queues.cooldown_ticks must be 0–100000; got -1",
                        () -> QueueSettings.builder().cooldownTicks(-1).build()),
                bad("economy.meal_cost must be 0–1000; got -0.5",
                        () -> EconomySettings.builder().mealCost(-0.5).build()),
                bad("economy.restock_interval_ticks must be 1–1000000; got 0",
                        () -> EconomySettings.builder().restockIntervalTicks(0).build()),
                bad("utilities.outage_rate must be 0–1; got 1.5",
                        () -> UtilitySettings.builder().outageRate(1.5).build()),
                bad("utilities.outage_max_ticks must be >= utilities.outage_min_ticks (30); got 10",
                        () -> UtilitySettings.builder().outageMaxTicks(10).build()),
                bad("employment.queue_limit must be 0–100000; got -1",
                        () -> EmploymentSettings.builder().queueLimit(-1).build()),
                bad("employment.lateness_exit_threshold must be 1–1000; got 0",
                        () -> EmploymentSettings.builder().latenessExitThreshold(0).build()),
                bad("relationships.tie_capacity must be 1–1000; got 0",
                        () -> RelationshipSettings.builder().tieCapacity(0).build()),
                bad("relationships.decay_per_tick must be 0–1; got 1.01",
                        () -> RelationshipSettings.builder().decayPerTick(1.01).build()),
                bad("rewards.clip must be 0.001–1000; got 0.0", () -> new RewardSettings(0.0)),
                bad("stability.promotion_window must be 1–1000000; got 0",
                        () -> StabilitySettings.builder().promotionWindow(0).build()),
                bad("perturbations.price_spike_rate must be 0–1; got -0.1",
                        () -> PerturbationSettings.builder().priceSpikeRate(-0.1).build()),
                bad("policy.option_commit_ticks must be 1–100000; got 0", () -> new PolicySettings(0)),
                bad("monitor.window must be 1–100000; got 0", () -> new MonitorSettings(0, 100)),
                bad("simulation.agents must be 0–100000; got -1",
                        () -> SimulationSettings.builder().agents(-1).build()),
                bad("simulation.ticks must be >= 0; got -5", () -> SimulationSettings.builder().ticks(-5).build()),
                bad("simulation.ticks_per_day must be 1–1000000; got 0",
                        () -> SimulationSettings.builder().ticksPerDay(0).build()),
                bad("simulation.scenario must be one of [empty_town, large_town, queue_conflict, small_story]; "
                        + "got 'big_story'", () -> SimulationSettings.builder().scenario("big_story").build()));
    }

    private static Arguments bad(String message, Supplier<Object> build) {
        return Arguments.of(message, build);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void valuesOutOfRangeAreRejectedNamingTheKey(String message, Supplier<Object> build) {
        assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void rangeBoundsAreAccepted() {
        assertThat(NeedsSettings.builder().hungerDecay(0.0).energyDecay(1.0).build().energyDecay()).isEqualTo(1.0);
        assertThat(UtilitySettings.builder().outageMinTicks(5).outageMaxTicks(5).build().outageMaxTicks())
                .isEqualTo(5);
        assertThat(EmploymentSettings.builder().dailyExitCap(0).queueLimit(0).build().queueLimit()).isZero();
    }

    @Test
    void scheduleEntriesAreValidatedWithTheirIndex() {
        ScheduledPerturbation good = ScheduledPerturbation.outage(10, "power_outage", 5);

        assertThatThrownBy(() -> PerturbationSettings.builder()
                .schedule(good, ScheduledPerturbation.priceSpike(20, 10, 5.0, List.of("meal"))).build())
                .hasMessage("perturbations.schedule[1].magnitude must be 1.1–3; got 5.0");
        assertThatThrownBy(() -> PerturbationSettings.builder()
                .schedule(new ScheduledPerturbation(0, "price_spike", null, null, null)).build())
                .hasMessage("perturbations.schedule[0].tick must be >= 1; got 0");
        assertThatThrownBy(() -> PerturbationSettings.builder()
                .schedule(new ScheduledPerturbation(3, "earthquake", null, null, null)).build())
                .hasMessage("perturbations.schedule[0].spec must be one of [power_outage, price_spike, "
                        + "water_outage]; got 'earthquake'");
        assertThatThrownBy(() -> PerturbationSettings.builder()
                .schedule(new ScheduledPerturbation(3, "water_outage", 10L, 2.0, null)).build())
                .hasMessage("perturbations.schedule[0].magnitude applies only to price_spike; got it for "
                        + "water_outage");
        assertThatThrownBy(() -> PerturbationSettings.builder()
                .schedule(ScheduledPerturbation.priceSpike(3, 10, 2.0, List.of("bread"))).build())
                .hasMessage("perturbations.schedule[0].targets must name items of [ingredients, meal]; "
                        + "got 'bread'");
        ScheduledPerturbation defaults = new ScheduledPerturbation(4, "price_spike", null, null, null);
        assertThat(defaults.effectiveMagnitude()).isEqualTo(1.5);
        assertThat(defaults.effectiveTargets()).containsExactly("meal");
    }

    @Test
    void storyBeatsAreValidatedWithTheirIndex() {
        assertThatThrownBy(() -> StorySettings.of(StoryBeat.announce(1, "hello"),
                new StoryBeat(2, "chat", "$1", null, null, null, null, null, null, null, null, null)))
                .hasMessage("story.beats[1].other is required for action chat");
        assertThatThrownBy(() -> StorySettings.of(new StoryBeat(2, "dance", null, null, null, null, null, null,
                null, null, null, null)))
                .hasMessage("story.beats[0].action must be one of [announce, chat, late_arrival, queue_conflict, "
                        + "step_away, use]; got 'dance'");
        assertThatThrownBy(() -> StorySettings.of(new StoryBeat(2, "late_arrival", "alice", null, null, null, null,
                null, 0.5, null, null, null)))
                .hasMessage("story.beats[0].quality does not apply to action late_arrival; allowed: [agent]");
        assertThatThrownBy(() -> StorySettings.of(StoryBeat.use(3, "alice", "sofa_1")))
                .hasMessage("story.beats[0].object must be an object id such as shower_1 (bed, fridge, shower, "
                        + "stove); got 'sofa_1'");
        assertThatThrownBy(() -> StorySettings.of(StoryBeat.chat(3, "$0", "bob", 0.5)))
                .hasMessage("story.beats[0].agent must be an agent id or $N (N >= 1); got '$0'");
        assertThatThrownBy(() -> StorySettings.of(StoryBeat.queueConflict(3, "shower_1", "a", "b", 0.5, "anger")))
                .hasMessage("story.beats[0].reason must be one of [cooldown, ghost_step, patience, rotation]; "
                        + "got 'anger'");
        assertThatThrownBy(() -> StorySettings.of(StoryBeat.chat(3, "alice", "alice", 0.5)))
                .hasMessage("story.beats[0].other must differ from story.beats[0].agent; got 'alice'");
    }

    @Test
    void agentNamesMustMatchTheCountAndBeUnique() {
        assertThatThrownBy(() -> SimulationSettings.builder().agents(3).agentNames(List.of("alice", "bob")).build())
                .hasMessage("simulation.agent_names has 2 names but simulation.agents is 3; give one name per agent");
        assertThatThrownBy(() -> SimulationSettings.builder().agents(2).agentNames(List.of("alice", "alice"))
                .build()).hasMessage("simulation.agent_names has duplicate name 'alice'");
        assertThatThrownBy(() -> SimulationSettings.builder().agents(1).agentNames(List.of("$1")).build())
                .hasMessage("simulation.agent_names must not start with '$' (story beats use $N for the N-th "
                        + "agent); got '$1'");
    }

    /** The YAML loader binds snake_case keys onto these components: each name must map to a §17.7 key. */
    @Test
    void componentNamesAreTheCamelCaseOfTheDocumentedKeys() {
        assertThat(snakeComponents(SimulationSettings.class)).containsExactly("seed", "scenario", "agents",
                "agent_names", "ticks", "ticks_per_day", "runtime_variant");
        assertThat(snakeComponents(NeedsSettings.class)).containsExactly("hunger_decay", "hygiene_decay",
                "energy_decay", "starvation_threshold");
        assertThat(snakeComponents(QueueSettings.class)).containsExactly("cooldown_ticks", "ghost_step_ticks",
                "patience_ticks");
        assertThat(snakeComponents(EconomySettings.class)).containsExactly("meal_cost", "ingredients_cost",
                "wage_rate", "starting_wallet", "restock_interval_ticks", "restock_amount");
        assertThat(snakeComponents(UtilitySettings.class)).containsExactly("outage_rate", "outage_min_ticks",
                "outage_max_ticks");
        assertThat(snakeComponents(EmploymentSettings.class)).containsExactly("daily_exit_cap", "queue_limit",
                "review_window", "shift_length_ticks", "lateness_exit_threshold", "replacement_delay_ticks");
        assertThat(snakeComponents(RelationshipSettings.class)).containsExactly("tie_capacity", "churn_window",
                "decay_per_tick", "eviction_floor");
        assertThat(snakeComponents(PersonalitySettings.class)).containsExactly("enabled");
        assertThat(snakeComponents(RewardSettings.class)).containsExactly("clip");
        assertThat(snakeComponents(StabilitySettings.class)).containsExactly("lateness_threshold",
                "promotion_window");
        assertThat(snakeComponents(PerturbationSettings.class)).containsExactly("price_spike_rate",
                "price_spike_duration", "cooldown_ticks", "schedule");
        assertThat(snakeComponents(ScheduledPerturbation.class)).containsExactly("tick", "spec", "duration_ticks",
                "magnitude", "targets");
        assertThat(snakeComponents(PolicySettings.class)).containsExactly("option_commit_ticks");
        assertThat(snakeComponents(StorySettings.class)).containsExactly("beats");
        assertThat(snakeComponents(StoryBeat.class)).containsExactly("tick", "action", "agent", "other", "object",
                "message", "category", "priority", "quality", "intensity", "reason", "duration_ticks");
        assertThat(snakeComponents(MonitorSettings.class)).containsExactly("window", "health_log_every_ticks");
    }

    private static List<String> snakeComponents(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .map(name -> name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Test
    void buildersRoundTrip() {
        NeedsSettings needs = new NeedsSettings(0.1, 0.2, 0.3, 0.4);
        EconomySettings economy = new EconomySettings(1, 2, 3, 4, 5, 6);
        EmploymentSettings employment = new EmploymentSettings(1, 2, 3, 4, 5, 6);

        assertThat(needs.toBuilder().build()).isEqualTo(needs);
        assertThat(economy.toBuilder().build()).isEqualTo(economy);
        assertThat(employment.toBuilder().build()).isEqualTo(employment);
        assertThat(SimulationSettings.DEFAULTS.toBuilder().build()).isEqualTo(SimulationSettings.DEFAULTS);
    }
}
