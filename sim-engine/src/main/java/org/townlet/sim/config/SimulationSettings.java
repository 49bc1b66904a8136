package org.townlet.sim.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code simulation} block (SPEC §17.7): seed, scenario, agents, run length, day length and runtime variant.
 * Immutable.
 *
 * <p>YAML binding: each key is the snake_case form of a component ({@code ticks_per_day} ↔ {@link #ticksPerDay()},
 * {@code agent_names} ↔ {@link #agentNames()}); bind through the canonical constructor or {@link #builder()}. When a
 * file gives {@code agent_names} but not {@code agents}, bind {@code agents} as the number of names. Messages name the
 * key ({@code simulation.agents must be 0–100000; got -1}).
 *
 * @param seed           root seed of every random stream ({@value #DEFAULT_SEED})
 * @param scenario       preset name, one of {@link #SCENARIOS} ({@value #DEFAULT_SCENARIO})
 * @param agents         number of agents, 0–100000 ({@value #DEFAULT_AGENTS})
 * @param agentNames     agent ids overriding the defaults {@code agent_0001}, …: empty, or exactly {@code agents}
 *                       unique non-blank names ({@code []})
 * @param ticks          ticks a run lasts, {@code >= 0} ({@value #DEFAULT_TICKS})
 * @param ticksPerDay    ticks in a simulated day, 1–1000000 ({@value #DEFAULT_TICKS_PER_DAY})
 * @param runtimeVariant reported in every frame, non-blank ({@value #DEFAULT_RUNTIME_VARIANT})
 */
public record SimulationSettings(long seed, String scenario, int agents, List<String> agentNames, long ticks,
        int ticksPerDay, String runtimeVariant) {
    public static final long DEFAULT_SEED = 42L;
    public static final String DEFAULT_SCENARIO = "small_story";
    public static final int DEFAULT_AGENTS = 8;
    public static final int MIN_AGENTS = 0;
    public static final int MAX_AGENTS = 100_000;
    public static final long DEFAULT_TICKS = 1000L;
    public static final int DEFAULT_TICKS_PER_DAY = 1440;
    public static final int MAX_TICKS_PER_DAY = 1_000_000;
    public static final String DEFAULT_RUNTIME_VARIANT = "facade";
    /** The scenario preset names, sorted. */
    public static final List<String> SCENARIOS = List.of("empty_town", "large_town", "queue_conflict", "small_story");

    /** Every key at its default. */
    public static final SimulationSettings DEFAULTS = new SimulationSettings(DEFAULT_SEED, DEFAULT_SCENARIO,
            DEFAULT_AGENTS, List.of(), DEFAULT_TICKS, DEFAULT_TICKS_PER_DAY, DEFAULT_RUNTIME_VARIANT);

    /**
     * @throws IllegalArgumentException naming the key, the rule and the value
     * @throws NullPointerException     if {@code scenario} or {@code runtimeVariant} is null
     */
    public SimulationSettings {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(runtimeVariant, "runtimeVariant");
        agentNames = agentNames == null ? List.of() : List.copyOf(agentNames);
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("simulation.scenario must be one of " + SCENARIOS + "; got '"
                    + scenario + "'");
        }
        Check.range("simulation.agents", agents, MIN_AGENTS, MAX_AGENTS);
        Check.atLeast("simulation.ticks", ticks, 0);
        Check.range("simulation.ticks_per_day", ticksPerDay, 1, MAX_TICKS_PER_DAY);
        if (runtimeVariant.isBlank()) {
            throw new IllegalArgumentException("simulation.runtime_variant must not be blank");
        }
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
                if (name.startsWith("$")) {
                    throw new IllegalArgumentException("simulation.agent_names must not start with '$' (story beats "
                            + "use $N for the N-th agent); got '" + name + "'");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("simulation.agent_names has duplicate name '" + name + "'");
                }
            }
        }
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
        List<String> ids = new ArrayList<>(agents);
        StringBuilder id = new StringBuilder();
        for (int i = 1; i <= agents; i++) {
            id.setLength(0);
            id.append("agent_");
            String digits = Integer.toString(i);
            for (int pad = digits.length(); pad < width; pad++) {
                id.append('0');
            }
            ids.add(id.append(digits).toString());
        }
        return List.copyOf(ids);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable, single-threaded builder; {@link #build()} validates. */
    public static final class Builder {
        private long seed;
        private String scenario;
        private int agents;
        private List<String> agentNames;
        private long ticks;
        private int ticksPerDay;
        private String runtimeVariant;

        private Builder(SimulationSettings from) {
            seed = from.seed;
            scenario = from.scenario;
            agents = from.agents;
            agentNames = from.agentNames;
            ticks = from.ticks;
            ticksPerDay = from.ticksPerDay;
            runtimeVariant = from.runtimeVariant;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder scenario(String value) {
            scenario = Objects.requireNonNull(value, "scenario");
            return this;
        }

        public Builder agents(int value) {
            agents = value;
            return this;
        }

        public Builder agentNames(List<String> value) {
            agentNames = List.copyOf(Objects.requireNonNull(value, "agentNames"));
            return this;
        }

        public Builder ticks(long value) {
            ticks = value;
            return this;
        }

        public Builder ticksPerDay(int value) {
            ticksPerDay = value;
            return this;
        }

        public Builder runtimeVariant(String value) {
            runtimeVariant = Objects.requireNonNull(value, "runtimeVariant");
            return this;
        }

        public SimulationSettings build() {
            return new SimulationSettings(seed, scenario, agents, agentNames, ticks, ticksPerDay, runtimeVariant);
        }
    }
}
