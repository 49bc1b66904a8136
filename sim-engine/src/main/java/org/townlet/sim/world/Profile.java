package org.townlet.sim.world;

/**
 * Personality profiles (SPEC §17.2) with their multipliers: how fast needs decay, how rewards scale, how much conflict
 * an agent tolerates (queue conflicts it starts are less intense the more it tolerates), and how much more (or less)
 * it likes to socialise.
 */
enum Profile {
    BALANCED("balanced", 1.0, 1.0, 1.0, 0.0),
    SOCIAL("social", 1.1, 1.0, 0.8, 0.2),
    INDUSTRIOUS("industrious", 1.2, 1.1, 1.2, -0.1),
    STOIC("stoic", 0.9, 0.9, 1.5, -0.05);

    private final String id;
    private final double needsMultiplier;
    private final double rewardsMultiplier;
    private final double conflictTolerance;
    private final double sociability;

    Profile(String id, double needsMultiplier, double rewardsMultiplier, double conflictTolerance,
            double sociability) {
        this.id = id;
        this.needsMultiplier = needsMultiplier;
        this.rewardsMultiplier = rewardsMultiplier;
        this.conflictTolerance = conflictTolerance;
        this.sociability = sociability;
    }

    String id() {
        return id;
    }

    double needsMultiplier() {
        return needsMultiplier;
    }

    double rewardsMultiplier() {
        return rewardsMultiplier;
    }

    double conflictTolerance() {
        return conflictTolerance;
    }

    double sociability() {
        return sociability;
    }
}
