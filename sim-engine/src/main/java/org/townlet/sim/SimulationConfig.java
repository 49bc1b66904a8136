package org.townlet.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.townlet.sim.config.EconomySettings;
import org.townlet.sim.config.EmploymentSettings;
import org.townlet.sim.config.MonitorSettings;
import org.townlet.sim.config.NeedsSettings;
import org.townlet.sim.config.PerturbationSettings;
import org.townlet.sim.config.PersonalitySettings;
import org.townlet.sim.config.PolicySettings;
import org.townlet.sim.config.QueueSettings;
import org.townlet.sim.config.RelationshipSettings;
import org.townlet.sim.config.RewardSettings;
import org.townlet.sim.config.SimulationSettings;
import org.townlet.sim.config.SnapshotSettings;
import org.townlet.sim.config.StabilitySettings;
import org.townlet.sim.config.StorySettings;
import org.townlet.sim.config.UtilitySettings;
import org.townlet.sim.world.TownSettings;

/**
 * The whole simulation configuration (SPEC §17.7, §15.2): one validated record per YAML block, plus the top-level
 * {@code config_id}. Immutable.
 *
 * <h2>YAML binding</h2>
 * Each component is one block, named as in the file: {@code simulation} ({@link SimulationSettings}), {@code needs},
 * {@code queues}, {@code economy}, {@code utilities}, {@code employment}, {@code relationships}, {@code personality},
 * {@code rewards}, {@code stability}, {@code perturbations}, {@code policy}, {@code story}, {@code monitor},
 * {@code snapshot}; and
 * {@code config_id} ↔ {@link #configId()}. Within a block, a key is the snake_case form of the record component
 * ({@code needs.hunger_decay} ↔ {@link NeedsSettings#hungerDecay()}). Every record has a public canonical
 * constructor that validates, with messages naming the key ({@code needs.hunger_decay must be 0–1; got 2.0}).
 *
 * <h2>Scenarios</h2>
 * {@code simulation.scenario} names a preset ({@link #scenarioNames()}) that supplies the defaults of every block,
 * schedules and story beats included; values given explicitly override it. {@link #preset(String)} is the preset as a
 * whole config. With {@link #builder()}: the scenario's preset is the base; a block given with a block setter
 * ({@link Builder#needs}) replaces the preset's block; the {@code simulation} keys given with their own setters
 * ({@link Builder#seed}, {@link Builder#agents}, …) override single keys. A file loader that binds key by key overlays
 * the file's keys on the preset's block (for instance: the preset block as a tree, the file's keys merged over it,
 * then bound), and when {@code agent_names} is given without {@code agents}, sets {@code agents} to the number of
 * names.
 *
 * <ul>
 * <li>{@code small_story} (the default): 8 agents; a power outage at tick 80 (60 ticks), a price spike on meals at
 *     200 (×1.8, 120 ticks), a water outage at 320 (30 ticks); beats that make a shower and sleeps complete (ticks 60
 *     and 100, with a rotation at {@code bed_1}), a shower interrupted and another refused by the outage (80, 85), a
 *     queue conflict followed by a rival avoided (100, 110), five late arrivals of {@code $4} that put it in the exit
 *     queue at tick 230, chats (one failing) from 250, and announcements at 5 and 400.</li>
 * <li>{@code empty_town}: 0 agents, the same perturbation schedule.</li>
 * <li>{@code queue_conflict}: 12 agents for 3 showers, fast hygiene decay, patience 25, ghost step after 3 ticks, and
 *     beats that crowd {@code shower_1} and send a waiting agent away, so rotation, ghost steps and patience
 *     conflicts happen early.</li>
 * <li>{@code large_town}: 2,000 agents, the same perturbation schedule, no beats.</li>
 * </ul>
 *
 * @param configId      default {@code policy_identity.config_id}, non-blank ({@value #DEFAULT_CONFIG_ID})
 * @param simulation    the {@code simulation} block
 * @param needs         the {@code needs} block
 * @param queues        the {@code queues} block
 * @param economy       the {@code economy} block
 * @param utilities     the {@code utilities} block
 * @param employment    the {@code employment} block
 * @param relationships the {@code relationships} block
 * @param personality   the {@code personality} block
 * @param rewards       the {@code rewards} block
 * @param stability     the {@code stability} block
 * @param perturbations the {@code perturbations} block
 * @param policy        the {@code policy} block
 * @param story         the {@code story} block
 * @param monitor       the {@code monitor} block
 * @param snapshot      the {@code snapshot} block
 */
public record SimulationConfig(
        String configId,
        SimulationSettings simulation,
        NeedsSettings needs,
        QueueSettings queues,
        EconomySettings economy,
        UtilitySettings utilities,
        EmploymentSettings employment,
        RelationshipSettings relationships,
        PersonalitySettings personality,
        RewardSettings rewards,
        StabilitySettings stability,
        PerturbationSettings perturbations,
        PolicySettings policy,
        StorySettings story,
        MonitorSettings monitor,
        SnapshotSettings snapshot) {

    public static final String DEFAULT_CONFIG_ID = "townlet-default";
    public static final long DEFAULT_SEED = SimulationSettings.DEFAULT_SEED;
    public static final int DEFAULT_AGENTS = SimulationSettings.DEFAULT_AGENTS;
    public static final int MIN_AGENTS = SimulationSettings.MIN_AGENTS;
    public static final int MAX_AGENTS = SimulationSettings.MAX_AGENTS;
    public static final long DEFAULT_TICKS = SimulationSettings.DEFAULT_TICKS;
    public static final int DEFAULT_TICKS_PER_DAY = SimulationSettings.DEFAULT_TICKS_PER_DAY;
    public static final int MAX_TICKS_PER_DAY = SimulationSettings.MAX_TICKS_PER_DAY;
    public static final String DEFAULT_RUNTIME_VARIANT = SimulationSettings.DEFAULT_RUNTIME_VARIANT;
    public static final String DEFAULT_SCENARIO = SimulationSettings.DEFAULT_SCENARIO;
    /** The scenario presets, sorted. */
    public static final List<String> SCENARIOS = SimulationSettings.SCENARIOS;

    /**
     * @throws NullPointerException     if a block is null
     * @throws IllegalArgumentException if {@code configId} is blank
     */
    public SimulationConfig {
        Objects.requireNonNull(configId, "configId");
        if (configId.isBlank()) {
            throw new IllegalArgumentException("config_id must not be blank");
        }
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(needs, "needs");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(economy, "economy");
        Objects.requireNonNull(utilities, "utilities");
        Objects.requireNonNull(employment, "employment");
        Objects.requireNonNull(relationships, "relationships");
        Objects.requireNonNull(personality, "personality");
        Objects.requireNonNull(rewards, "rewards");
        Objects.requireNonNull(stability, "stability");
        Objects.requireNonNull(perturbations, "perturbations");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(story, "story");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    /** The default scenario's preset ({@value #DEFAULT_SCENARIO}) with every other value at its default. */
    public static SimulationConfig defaults() {
        return builder().build();
    }

    /**
     * The preset of a scenario as a whole config: its {@code simulation} block (with {@code scenario} set to the
     * name) and every other block.
     *
     * @throws IllegalArgumentException {@code simulation.scenario must be one of [...]; got '<name>'}
     */
    public static SimulationConfig preset(String scenario) {
        return Scenarios.preset(Objects.requireNonNull(scenario, "scenario"));
    }

    /** The scenario names, sorted: {@code [empty_town, large_town, queue_conflict, small_story]}. */
    public static List<String> scenarioNames() {
        return SCENARIOS;
    }

    /** A builder whose base is the default scenario's preset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values (every block explicit, so a new scenario changes only the name). */
    public Builder toBuilder() {
        return new Builder()
                .configId(configId)
                .simulation(simulation)
                .needs(needs)
                .queues(queues)
                .economy(economy)
                .utilities(utilities)
                .employment(employment)
                .relationships(relationships)
                .personality(personality)
                .rewards(rewards)
                .stability(stability)
                .perturbations(perturbations)
                .policy(policy)
                .story(story)
                .monitor(monitor)
                .snapshot(snapshot);
    }

    /** {@code simulation.seed}. */
    public long seed() {
        return simulation.seed();
    }

    /** {@code simulation.agents}. */
    public int agents() {
        return simulation.agents();
    }

    /** {@code simulation.ticks}. */
    public long ticks() {
        return simulation.ticks();
    }

    /** {@code simulation.ticks_per_day}. */
    public int ticksPerDay() {
        return simulation.ticksPerDay();
    }

    /** {@code simulation.runtime_variant}. */
    public String runtimeVariant() {
        return simulation.runtimeVariant();
    }

    /** {@code simulation.scenario}. */
    public String scenario() {
        return simulation.scenario();
    }

    /** {@code simulation.agent_names}. */
    public List<String> agentNames() {
        return simulation.agentNames();
    }

    /** The agent ids; see {@link SimulationSettings#agentIds()}. */
    public List<String> agentIds() {
        return simulation.agentIds();
    }

    /** What the town needs of this config. */
    TownSettings townSettings() {
        return new TownSettings(seed(), agentIds(), ticksPerDay(), needs, queues, economy, utilities, employment,
                relationships, personality, rewards, perturbations, policy, story);
    }

    /**
     * Mutable, single-threaded builder of {@link SimulationConfig}. The base is the preset of the scenario (set with
     * {@link #scenario(String)}, else that of an explicit {@link #simulation} block, else {@value #DEFAULT_SCENARIO});
     * explicit blocks replace the preset's, explicit {@code simulation} keys override single keys.
     */
    public static final class Builder {
        private String configId;
        private SimulationSettings simulation;
        private Long seed;
        private Integer agents;
        private Long ticks;
        private Integer ticksPerDay;
        private String runtimeVariant;
        private String scenario;
        private List<String> agentNames;
        private NeedsSettings needs;
        private QueueSettings queues;
        private EconomySettings economy;
        private UtilitySettings utilities;
        private EmploymentSettings employment;
        private RelationshipSettings relationships;
        private PersonalitySettings personality;
        private RewardSettings rewards;
        private StabilitySettings stability;
        private PerturbationSettings perturbations;
        private PolicySettings policy;
        private StorySettings story;
        private MonitorSettings monitor;
        private SnapshotSettings snapshot;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder agents(int agents) {
            this.agents = agents;
            return this;
        }

        public Builder ticks(long ticks) {
            this.ticks = ticks;
            return this;
        }

        public Builder ticksPerDay(int ticksPerDay) {
            this.ticksPerDay = ticksPerDay;
            return this;
        }

        public Builder runtimeVariant(String runtimeVariant) {
            this.runtimeVariant = Objects.requireNonNull(runtimeVariant, "runtimeVariant");
            return this;
        }

        /** The scenario whose preset is the base; validated at {@link #build()}. */
        public Builder scenario(String scenario) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
            return this;
        }

        /**
         * Names the agents. Unless {@link #agents(int)} is called too, the agent count becomes the number of names;
         * when both are given they must agree.
         */
        public Builder agentNames(List<String> agentNames) {
            this.agentNames = List.copyOf(Objects.requireNonNull(agentNames, "agentNames"));
            return this;
        }

        /** Same as {@link #agentNames(List)}. */
        public Builder agentNames(String... agentNames) {
            return agentNames(Arrays.asList(agentNames));
        }

        public Builder configId(String configId) {
            this.configId = Objects.requireNonNull(configId, "configId");
            return this;
        }

        /** The whole {@code simulation} block, replacing the preset's; single-key setters still override it. */
        public Builder simulation(SimulationSettings simulation) {
            this.simulation = Objects.requireNonNull(simulation, "simulation");
            return this;
        }

        public Builder needs(NeedsSettings needs) {
            this.needs = Objects.requireNonNull(needs, "needs");
            return this;
        }

        public Builder queues(QueueSettings queues) {
            this.queues = Objects.requireNonNull(queues, "queues");
            return this;
        }

        public Builder economy(EconomySettings economy) {
            this.economy = Objects.requireNonNull(economy, "economy");
            return this;
        }

        public Builder utilities(UtilitySettings utilities) {
            this.utilities = Objects.requireNonNull(utilities, "utilities");
            return this;
        }

        public Builder employment(EmploymentSettings employment) {
            this.employment = Objects.requireNonNull(employment, "employment");
            return this;
        }

        public Builder relationships(RelationshipSettings relationships) {
            this.relationships = Objects.requireNonNull(relationships, "relationships");
            return this;
        }

        public Builder personality(PersonalitySettings personality) {
            this.personality = Objects.requireNonNull(personality, "personality");
            return this;
        }

        public Builder rewards(RewardSettings rewards) {
            this.rewards = Objects.requireNonNull(rewards, "rewards");
            return this;
        }

        public Builder stability(StabilitySettings stability) {
            this.stability = Objects.requireNonNull(stability, "stability");
            return this;
        }

        public Builder perturbations(PerturbationSettings perturbations) {
            this.perturbations = Objects.requireNonNull(perturbations, "perturbations");
            return this;
        }

        public Builder policy(PolicySettings policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder story(StorySettings story) {
            this.story = Objects.requireNonNull(story, "story");
            return this;
        }

        public Builder monitor(MonitorSettings monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        public Builder snapshot(SnapshotSettings snapshot) {
            this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the key, the rule and the value, as the blocks' constructors
         */
        public SimulationConfig build() {
            String name = scenario != null ? scenario
                    : simulation != null ? simulation.scenario() : SimulationSettings.DEFAULT_SCENARIO;
            SimulationConfig preset = Scenarios.preset(name);
            SimulationSettings.Builder sim = (simulation != null ? simulation : preset.simulation).toBuilder()
                    .scenario(name);
            if (seed != null) {
                sim.seed(seed);
            }
            if (ticks != null) {
                sim.ticks(ticks);
            }
            if (ticksPerDay != null) {
                sim.ticksPerDay(ticksPerDay);
            }
            if (runtimeVariant != null) {
                sim.runtimeVariant(runtimeVariant);
            }
            if (agentNames != null) {
                sim.agentNames(agentNames);
                if (agents == null && !agentNames.isEmpty()) {
                    sim.agents(agentNames.size());
                }
            }
            if (agents != null) {
                sim.agents(agents);
            }
            return new SimulationConfig(
                    configId != null ? configId : preset.configId,
                    sim.build(),
                    needs != null ? needs : preset.needs,
                    queues != null ? queues : preset.queues,
                    economy != null ? economy : preset.economy,
                    utilities != null ? utilities : preset.utilities,
                    employment != null ? employment : preset.employment,
                    relationships != null ? relationships : preset.relationships,
                    personality != null ? personality : preset.personality,
                    rewards != null ? rewards : preset.rewards,
                    stability != null ? stability : preset.stability,
                    perturbations != null ? perturbations : preset.perturbations,
                    policy != null ? policy : preset.policy,
                    story != null ? story : preset.story,
                    monitor != null ? monitor : preset.monitor,
                    snapshot != null ? snapshot : preset.snapshot);
        }
    }
}
