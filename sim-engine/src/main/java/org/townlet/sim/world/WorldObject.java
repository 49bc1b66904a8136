package org.townlet.sim.world;

import java.util.ArrayDeque;

/**
 * One object with its FIFO queue. The head of the queue holds the reservation (SPEC §17.2); an affordance in
 * progress always belongs to the head. Mutable, owned by {@link Town}, simulation thread only.
 */
final class WorldObject {
    final String id;
    final ObjectType type;
    final ArrayDeque<String> queue = new ArrayDeque<>();
    /** Tick at which the current head got the reservation. */
    long reservedSince;
    /** The affordance in progress, or {@code null}. */
    Running running;
    /** Fridge stock; zero for other objects. */
    int meals;
    int ingredients;

    WorldObject(String id, ObjectType type) {
        this.id = id;
        this.type = type;
    }

    /** An affordance in progress. */
    static final class Running {
        final String agentId;
        final Affordance affordance;
        final long startedTick;
        long remaining;

        Running(String agentId, Affordance affordance, long startedTick) {
            this.agentId = agentId;
            this.affordance = affordance;
            this.startedTick = startedTick;
            this.remaining = affordance.ticks();
        }
    }
}
