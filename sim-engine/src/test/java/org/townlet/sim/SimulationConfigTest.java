package org.townlet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.townlet.sim.config.NeedsSettings;
import org.townlet.sim.config.PerturbationSettings;
import org.townlet.sim.config.QueueSettings;
import org.townlet.sim.config.ScheduledPerturbation;
import org.townlet.sim.config.StorySettings;

class SimulationConfigTest {

    @Test
    void defaultsAreTheSmallStory() {
        SimulationConfig config = SimulationConfig.defaults();

        assertThat(config.seed()).isEqualTo(42L);
        assertThat(config.agents()).isEqualTo(8);
        assertThat(config.ticks()).isEqualTo(1000L);
        assertThat(config.ticksPerDay()).isEqualTo(1440);
        assertThat(config.runtimeVariant()).isEqualTo("facade");
        assertThat(config.scenario()).isEqualTo("small_story");
        assertThat(config.configId()).isEqualTo("townlet-default");
        assertThat(config.agentNames()).isEmpty();
        assertThat(config.agentIds()).containsExactly("agent_0001", "agent_0002", "agent_0003", "agent_0004",
                "agent_0005", "agent_0006", "agent_0007", "agent_0008");
        assertThat(config.perturbations().schedule()).extracting(ScheduledPerturbation::spec)
                .containsExactly("power_outage", "price_spike", "water_outage");
        assertThat(config.story().beats()).isNotEmpty();
        assertThat(config.needs()).isEqualTo(NeedsSettings.DEFAULTS);
    }

    @Test
    void theAppsBuilderCallsStillWork() {
        SimulationConfig config = SimulationConfig.builder().seed(7).agents(20).ticks(50).build();

        assertThat(config.seed()).isEqualTo(7);
        assertThat(config.agents()).isEqualTo(20);
        assertThat(config.ticks()).isEqualTo(50);
        assertThat(config.scenario()).isEqualTo("small_story");
    }

    @Test
    void scenariosSupplyDefaultsAndExplicitValuesOverrideThem() {
        assertThat(SimulationConfig.scenarioNames())
                .containsExactly("empty_town", "large_town", "queue_conflict", "small_story");
        assertThat(SimulationConfig.builder().scenario("empty_town").build().agents()).isZero();
        assertThat(SimulationConfig.builder().scenario("large_town").build().agents()).isEqualTo(2000);
        SimulationConfig queue = SimulationConfig.builder().scenario("queue_conflict").build();
        assertThat(queue.agents()).isEqualTo(12);
        assertThat(queue.queues().patienceTicks()).isEqualTo(25);
        assertThat(queue.story().beats()).isNotEmpty();

        SimulationConfig overridden = SimulationConfig.builder().scenario("large_town").agents(10)
                .queues(QueueSettings.DEFAULTS).story(StorySettings.DEFAULTS).build();
        assertThat(overridden.agents()).isEqualTo(10);
        assertThat(overridden.scenario()).isEqualTo("large_town");
        assertThat(overridden.perturbations()).isEqualTo(SimulationConfig.preset("large_town").perturbations());
        assertThat(SimulationConfig.builder().perturbations(PerturbationSettings.DEFAULTS).build().perturbations()
                .schedule()).isEmpty();
    }

    @Test
    void presetIsTheScenarioAsAWholeConfig() {
        for (String name : SimulationConfig.scenarioNames()) {
            assertThat(SimulationConfig.preset(name).scenario()).isEqualTo(name);
            assertThat(SimulationConfig.builder().scenario(name).build()).isEqualTo(SimulationConfig.preset(name));
        }
        assertThatThrownBy(() -> SimulationConfig.preset("big_story"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simulation.scenario must be one of [empty_town, large_town, queue_conflict, "
                        + "small_story]; got 'big_story'");
        assertThatThrownBy(() -> SimulationConfig.builder().scenario("big_story").build())
                .hasMessage("simulation.scenario must be one of [empty_town, large_town, queue_conflict, "
                        + "small_story]; got 'big_story'");
    }

    @Test
    void valuesOutOfRangeAreRejectedWithTheKey() {
        assertThatThrownBy(() -> SimulationConfig.builder().agents(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simulation.agents must be 0–100000; got -1");
        assertThatThrownBy(() -> SimulationConfig.builder().agents(100_001).build())
                .hasMessage("simulation.agents must be 0–100000; got 100001");
        assertThat(SimulationConfig.builder().agents(100_000).build().agents()).isEqualTo(100_000);
        assertThatThrownBy(() -> SimulationConfig.builder().ticks(-5).build())
                .hasMessage("simulation.ticks must be >= 0; got -5");
        assertThatThrownBy(() -> SimulationConfig.builder().runtimeVariant(" ").build())
                .hasMessage("simulation.runtime_variant must not be blank");
        assertThatThrownBy(() -> SimulationConfig.builder().configId(" ").build())
                .hasMessage("config_id must not be blank");
    }

    @Test
    void agentNamesSetTheCountUnlessGivenAndMustMatchIt() {
        assertThat(SimulationConfig.builder().agentNames("alice", "bob").build().agents()).isEqualTo(2);
        assertThat(SimulationConfig.builder().scenario("large_town").agentNames("alice", "bob").build().agents())
                .isEqualTo(2);
        assertThatThrownBy(() -> SimulationConfig.builder().agents(3).agentNames("alice", "bob").build())
                .hasMessage("simulation.agent_names has 2 names but simulation.agents is 3; give one name per agent");
        assertThat(SimulationConfig.builder().agentNames("bob", "alice").build().agentIds())
                .containsExactly("bob", "alice");
    }

    @Test
    void defaultIdsSortAsTextInNumericOrder() {
        List<String> ids = SimulationConfig.builder().agents(10_000).build().agentIds();

        assertThat(ids.get(0)).isEqualTo("agent_00001");
        assertThat(ids.get(9_999)).isEqualTo("agent_10000");
        assertThat(ids).isSorted();
    }

    @Test
    void toBuilderRoundTrips() {
        SimulationConfig config = SimulationConfig.builder().seed(9).agentNames("alice", "bob").ticks(5)
                .ticksPerDay(100).runtimeVariant("native").scenario("queue_conflict").configId("cfg").build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.toBuilder().seed(10).build().story()).isEqualTo(config.story());
    }
}
