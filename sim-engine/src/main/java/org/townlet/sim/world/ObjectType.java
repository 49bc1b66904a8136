package org.townlet.sim.world;

/** The four kinds of object in the town (SPEC §17.2) and how many of each a town of {@code n} agents gets. */
enum ObjectType {
    SHOWER("shower", 4),
    BED("bed", 2),
    STOVE("stove", 6),
    FRIDGE("fridge", 6);

    private final String id;
    private final int agentsPerObject;

    ObjectType(String id, int agentsPerObject) {
        this.id = id;
        this.agentsPerObject = agentsPerObject;
    }

    String id() {
        return id;
    }

    /** ⌈agents / agentsPerObject⌉, at least one. */
    int countFor(int agents) {
        return Math.max(1, (agents + agentsPerObject - 1) / agentsPerObject);
    }
}
