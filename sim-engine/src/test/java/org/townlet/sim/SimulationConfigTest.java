package org.townlet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SimulationConfig config = SimulationConfig.defaults();

        assertThat(config.seed()).isEqualTo(42L);
        assertThat(config.agents()).isEqualTo(8);
        assertThat(config.ticks()).isEqualTo(1000L);
        assertThat(config.ticksPerDay()).isEqualTo(1440);
        assertThat(config.runtimeVariant()).isEqualTo("facade");
        assertThat(config.scenario()).isEqualTo("small_story");
        assertThat(config.agentNames()).isEmpty();
        assertThat(config.agentIds()).containsExactly("agent_0001", "agent_0002", "agent_0003", "agent_0004",
                "agent_0005", "agent_0006", "agent_0007", "agent_0008");
    }

    @Test
    void agentCountOutOfRangeIsRejectedWithTheKey() {
        assertThatThrownBy(() -> SimulationConfig.builder().agents(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simulation.agents must be between 0 and 100000; got -1");
        assertThatThrownBy(() -> SimulationConfig.builder().agents(100_001).build())
                .hasMessage("simulation.agents must be between 0 and 100000; got 100001");
        assertThat(SimulationConfig.builder().agents(100_000).build().agents()).isEqualTo(100_000);
    }

    @Test
    void otherValuesOutOfRangeAreRejectedWithTheKey() {
        assertThatThrownBy(() -> SimulationConfig.builder().ticks(-5).build())
                .hasMessage("simulation.ticks must be >= 0; got -5");
        assertThatThrownBy(() -> SimulationConfig.builder().ticksPerDay(0).build())
                .hasMessage("simulation.ticks_per_day must be between 1 and 1000000; got 0");
        assertThatThrownBy(() -> SimulationConfig.builder().runtimeVariant(" ").build())
                .hasMessage("simulation.runtime_variant must not be blank");
        assertThatThrownBy(() -> SimulationConfig.builder().scenario("big_story").build())
                .hasMessage("simulation.scenario must be one of [empty_town, large_town, queue_conflict, "
                        + "small_story]; got 'big_story'");
    }

    @Test
    void agentNamesSetTheCountUnlessGivenAndMustMatchIt() {
        assertThat(SimulationConfig.builder().agentNames("alice", "bob").build().agents()).isEqualTo(2);
        assertThatThrownBy(() -> SimulationConfig.builder().agents(3).agentNames("alice", "bob").build())
                .hasMessage("simulation.agent_names has 2 names but simulation.agents is 3; give one name per agent");
        assertThatThrownBy(() -> SimulationConfig.builder().agentNames("alice", "alice").build())
                .hasMessage("simulation.agent_names has duplicate name 'alice'");
        assertThatThrownBy(() -> SimulationConfig.builder().agentNames("alice", "").build())
                .hasMessage("simulation.agent_names must not contain a blank name");
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
                .ticksPerDay(100).runtimeVariant("native").scenario("queue_conflict").build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}
