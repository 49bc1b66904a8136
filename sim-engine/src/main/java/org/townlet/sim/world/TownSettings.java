package org.townlet.sim.world;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.townlet.sim.config.EconomySettings;
import org.townlet.sim.config.EmploymentSettings;
import org.townlet.sim.config.NeedsSettings;
import org.townlet.sim.config.PerturbationSettings;
import org.townlet.sim.config.PersonalitySettings;
import org.townlet.sim.config.PolicySettings;
import org.townlet.sim.config.QueueSettings;
import org.townlet.sim.config.RelationshipSettings;
import org.townlet.sim.config.RewardSettings;
import org.townlet.sim.config.StorySettings;
import org.townlet.sim.config.UtilitySettings;

/**
 * What the town needs to know to be built: the seed, the agent ids (in any order; the town processes them sorted),
 * the length of a day, and the config blocks of SPEC §17.7 that shape the world. Immutable; {@link #of} gives every
 * block at its defaults, the {@code with*} methods replace one.
 *
 * @param seed        the root seed; every subsystem's random stream is split from it in a fixed order
 * @param agentIds    unique, non-blank agent ids
 * @param ticksPerDay ticks in one simulated day, {@code >= 1}
 */
public record TownSettings(long seed, List<String> agentIds, int ticksPerDay, NeedsSettings needs,
        QueueSettings queues, EconomySettings economy, UtilitySettings utilities, EmploymentSettings employment,
        RelationshipSettings relationships, PersonalitySettings personality, RewardSettings rewards,
        PerturbationSettings perturbations, PolicySettings policy, StorySettings story) {

    public TownSettings {
        agentIds = List.copyOf(Objects.requireNonNull(agentIds, "agentIds"));
        if (ticksPerDay < 1) {
            throw new IllegalArgumentException("ticksPerDay must be >= 1, was " + ticksPerDay);
        }
        Objects.requireNonNull(needs, "needs");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(economy, "economy");
        Objects.requireNonNull(utilities, "utilities");
        Objects.requireNonNull(employment, "employment");
        Objects.requireNonNull(relationships, "relationships");
        Objects.requireNonNull(personality, "personality");
        Objects.requireNonNull(rewards, "rewards");
        Objects.requireNonNull(perturbations, "perturbations");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(story, "story");
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

    /** A town of these agents with every config block at its defaults (no schedule, no story). */
    public static TownSettings of(long seed, List<String> agentIds, int ticksPerDay) {
        return new TownSettings(seed, agentIds, ticksPerDay, NeedsSettings.DEFAULTS, QueueSettings.DEFAULTS,
                EconomySettings.DEFAULTS, UtilitySettings.DEFAULTS, EmploymentSettings.DEFAULTS,
                RelationshipSettings.DEFAULTS, PersonalitySettings.DEFAULTS, RewardSettings.DEFAULTS,
                PerturbationSettings.DEFAULTS, PolicySettings.DEFAULTS, StorySettings.DEFAULTS);
    }

    public TownSettings withNeeds(NeedsSettings value) {
        return new TownSettings(seed, agentIds, ticksPerDay, value, queues, economy, utilities, employment,
                relationships, personality, rewards, perturbations, policy, story);
    }

    public TownSettings withQueues(QueueSettings value) {
        return new TownSettings(seed, agentIds, ticksPerDay, needs, value, economy, utilities, employment,
                relationships, personality, rewards, perturbations, policy, story);
    }

    public TownSettings withEconomy(EconomySettings value) {
        return new TownSettings(seed, agentIds, ticksPerDay, needs, queues, value, utilities, employment,
                relationships, personality, rewards, perturbations, policy, story);
    }

    public TownSettings withUtilities(UtilitySettings value) {
        return new TownSettings(seed, agentIds, ticksPerDay, needs, queues, economy, value, employment,
                relationships, personality, rewards, perturbations, policy, story);
    }

    public TownSettings withEmployment(EmploymentSettings value) {
        return new TownSettings(seed, agentIds, ticksPerDay, needs, queues, economy, utilities, value,
                relationships, personality, rewards, perturbations, policy, story);
    }

    public TownSettings withRelationships(RelationshipSettings value) {
        return new TownSettings(seed, agentIds, ticksPerDay, needs, queues, economy, utilities, employment, value,
                personality, rewards, perturbations, policy, story);
    }

    public TownSettings withPersonality(PersonalitySettings value) {
        return new TownSettings(seed, agentIds, ticksPerDay, needs, queues, economy, utilities, employment,
                relationships, value, rewards, perturbations, policy, story);
    }

    public TownSettings withPerturbations(PerturbationSettings value) {
        return new TownSettings(seed, agentIds, ticksPerDay, needs, queues, economy, utilities, employment,
                relationships, personality, rewards, value, policy, story);
    }

    public TownSettings withStory(StorySettings value) {
        return new TownSettings(seed, agentIds, ticksPerDay, needs, queues, economy, utilities, employment,
                relationships, personality, rewards, perturbations, policy, value);
    }
}
