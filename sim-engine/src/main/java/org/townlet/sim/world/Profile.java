package org.townlet.sim.world;

/** Personality profiles (SPEC §17.2) with their multipliers. */
enum Profile {
    BALANCED("balanced", 1.0, 1.0, 1.0),
    SOCIAL("social", 1.1, 1.0, 0.8),
    INDUSTRIOUS("industrious", 1.2, 1.1, 1.2),
    STOIC("stoic", 0.9, 0.9, 1.5);

    private final String id;
    private final double needsMultiplier;
    private final double rewardsMultiplier;
    private final double conflictTolerance;

    Profile(String id, double needsMultiplier, double rewardsMultiplier, double conflictTolerance) {
        this.id = id;
        this.needsMultiplier = needsMultiplier;
        this.rewardsMultiplier = rewardsMultiplier;
        this.conflictTolerance = conflictTolerance;
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
}
