package org.townlet.sim.world;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the town needs to know to be built: the seed, the agent ids (in any order; the town processes them sorted)
 * and the length of a day. Immutable.
 *
 * <p>The tunables of SPEC §17.7 beyond the {@code simulation} block (needs decay, queues, economy, utilities,
 * employment, relationships, rewards, policy) are fixed at their documented defaults in {@link Tuning} for now.
 * Next: issue town simulation (config blocks for them).
 *
 * @param seed       the root seed; every subsystem's random stream is split from it in a fixed order
 * @param agentIds   unique, non-blank agent ids
 * @param ticksPerDay ticks in one simulated day, {@code >= 1}
 */
public record TownSettings(long seed, List<String> agentIds, int ticksPerDay) {

    public TownSettings {
        agentIds = List.copyOf(Objects.requireNonNull(agentIds, "agentIds"));
        if (ticksPerDay < 1) {
            throw new IllegalArgumentException("ticksPerDay must be >= 1, was " + ticksPerDay);
        }
        HashSet<String> seen = new HashSet<>();
        for (String id : agentIds) {
            if (id.isBlank()) {
                throw new IllegalArgumentException("agent ids must not be blank");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("duplicate agent id '" + id + "'");
            }
        }
    }
}
