package org.townlet.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.townlet.sim.world.TownSettings;

/**
 * The {@code simulation} block of the configuration (SPEC §17.7), validated once: seed, scenario, agent count and
 * names, run length, day length and runtime variant. Immutable; build one with {@link #builder()} or take
 * {@link #defaults()}.
 *
 * @param seed           root seed of every random stream ({@value #DEFAULT_SEED})
 * @param agents         number of agents, {@value #MIN_AGENTS}–{@value #MAX_AGENTS} ({@value #DEFAULT_AGENTS})
 * @param ticks          ticks {@link SimulationLoop#run()} runs, {@code >= 0} ({@value #DEFAULT_TICKS})
 * @param ticksPerDay    ticks in a simulated day, 1–{@value #MAX_TICKS_PER_DAY} ({@value #DEFAULT_TICKS_PER_DAY})
 * @param runtimeVariant reported in every frame, non-blank ({@value #DEFAULT_RUNTIME_VARIANT})
 * @param scenario       preset name, one of {@link #SCENARIOS} ({@value #DEFAULT_SCENARIO})
 * @param agentNames     agent ids overriding the defaults {@code agent_0001}, …: empty, or exactly {@code agents}
 *                       unique non-blank names ({@code []})
 */
public record SimulationConfig(
        long seed,
        int agents,
        long ticks,
        int ticksPerDay,
        String runtimeVariant,
        String scenario,
        List<String> agentNames) {

    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_AGENTS = 8;
    public static final int MIN_AGENTS = 0;
    public static final int MAX_AGENTS = 100_000;
    public static final long DEFAULT_TICKS = 1000L;
    public static final int DEFAULT_TICKS_PER_DAY = 1440;
    public static final int MAX_TICKS_PER_DAY = 1_000_000;
    public static final String DEFAULT_RUNTIME_VARIANT = "facade";
    public static final String DEFAULT_SCENARIO = "small_story";
    /**
     * The scenario presets, sorted. In the walking skeleton the name is validated and carried; the presets' own
     * defaults and schedules are Next: issue town simulation.
     */
    public static final List<String> SCENARIOS = List.of("empty_town", "large_town", "queue_conflict", "small_story");

    /**
     * @throws IllegalArgumentException naming the key, the rule and the value, when a value is out of range
     * @throws NullPointerException     if {@code runtimeVariant}, {@code scenario} or {@code agentNames} is null
     */
    public SimulationConfig {
        Objects.requireNonNull(runtimeVariant, "runtimeVariant");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(agentNames, "agentNames");
        if (agents < MIN_AGENTS || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("simulation.agents must be between " + MIN_AGENTS + " and "
                    + MAX_AGENTS + "; got " + agents);
        }
        if (ticks < 0) {
            throw new IllegalArgumentException("simulation.ticks must be >= 0; got " + ticks);
        }
        if (ticksPerDay < 1 || ticksPerDay > MAX_TICKS_PER_DAY) {
            throw new IllegalArgumentException("simulation.ticks_per_day must be between 1 and " + MAX_TICKS_PER_DAY
                    + "; got " + ticksPerDay);
        }
        if (runtimeVariant.isBlank()) {
            throw new IllegalArgumentException("simulation.runtime_variant must not be blank");
        }
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("simulation.scenario must be one of " + SCENARIOS + "; got '"
                    + scenario + "'");
        }
        agentNames = List.copyOf(agentNames);
        if (!agentNames.isEmpty()) {
            if (agentNames.size() != agents) {
                throw new IllegalArgumentException("simulation.agent_names has " + agentNames.size()
                        + " names but simulation.agents is " + agents + "; give one name per agent");
            }
            Set<String> seen = new HashSet<>();
            for (String name : agentNames) {
                if (name.isBlank()) {
                    throw new IllegalArgumentException("simulation.agent_names must not contain a blank name");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("simulation.agent_names has duplicate name '" + name + "'");
                }
            }
        }
    }

    /** Every value at its default. */
    public static SimulationConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder()
                .seed(seed)
                .agents(agents)
                .ticks(ticks)
                .ticksPerDay(ticksPerDay)
                .runtimeVariant(runtimeVariant)
                .scenario(scenario)
                .agentNames(agentNames);
    }

    /**
     * The agent ids: {@link #agentNames()} when given, else {@code agent_0001} … {@code agent_<agents>}, zero-padded
     * to at least four digits and to the width of the largest number, so that sorting them as text keeps their
     * numeric order.
     */
    public List<String> agentIds() {
        if (!agentNames.isEmpty()) {
            return agentNames;
        }
        int width = Math.max(4, Integer.toString(agents).length());
        String format = "agent_%0" + width + "d";
        List<String> ids = new ArrayList<>(agents);
        for (int i = 1; i <= agents; i++) {
            ids.add(String.format(format, i));
        }
        return List.copyOf(ids);
    }

    /** What the town needs of this config. */
    TownSettings townSettings() {
        return new TownSettings(seed, agentIds(), ticksPerDay);
    }

    /** Mutable, single-threaded builder of {@link SimulationConfig}; starts at the defaults. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private int agents = DEFAULT_AGENTS;
        private boolean agentsSet;
        private long ticks = DEFAULT_TICKS;
        private int ticksPerDay = DEFAULT_TICKS_PER_DAY;
        private String runtimeVariant = DEFAULT_RUNTIME_VARIANT;
        private String scenario = DEFAULT_SCENARIO;
        private List<String> agentNames = List.of();

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder agents(int agents) {
            this.agents = agents;
            this.agentsSet = true;
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

        /**
         * @throws IllegalArgumentException as {@link SimulationConfig}'s constructor
         */
        public SimulationConfig build() {
            int count = !agentsSet && !agentNames.isEmpty() ? agentNames.size() : agents;
            return new SimulationConfig(seed, count, ticks, ticksPerDay, runtimeVariant, scenario, agentNames);
        }
    }
}
