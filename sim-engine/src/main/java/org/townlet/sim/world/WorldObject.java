package org.townlet.sim.world;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * One object with its FIFO queue (SPEC §17.2). The head of the queue holds the reservation; an affordance in progress
 * always belongs to the head. Mutable, owned by {@link Town}, simulation thread only.
 */
final class WorldObject {
    final String id;
    final ObjectType type;
    /** 1-based number within its type. */
    final int number;
    final ArrayDeque<Agent> queue = new ArrayDeque<>();
    /** Tick at which the current head got the reservation. */
    long reservedSince;
    /** The affordance in progress, or {@code null}. */
    Running running;
    /** Fridge stock; zero for other objects. */
    int meals;
    int ingredients;
    /** For a stove, the fridge its meals go to. */
    WorldObject pairedFridge;

    private Map<String, Object> economyEntry;
    private int shownMeals = -1;
    private int shownIngredients = -1;
    private Map<String, Object> reservationEntry;
    private Agent shownHolder;
    private long shownSince;

    WorldObject(String id, ObjectType type, int number) {
        this.id = id;
        this.type = type;
        this.number = number;
    }

    Agent head() {
        return queue.peekFirst();
    }

    /** {@code {type, stock:{ingredients, meals}}} for a fridge, {@code {type, stock:{}}} otherwise; reused if same. */
    Map<String, Object> economyEntry() {
        if (economyEntry == null || shownMeals != meals || shownIngredients != ingredients) {
            shownMeals = meals;
            shownIngredients = ingredients;
            Map<String, Object> stock = type == ObjectType.FRIDGE
                    ? Views.map("ingredients", (long) ingredients, "meals", (long) meals)
                    : Map.of();
            economyEntry = Views.map("type", type.id(), "stock", stock);
        }
        return economyEntry;
    }

    /** {@code {agent_id, tick}} of the head's reservation, or {@code null} with an empty queue; reused if same. */
    Map<String, Object> reservationEntry() {
        Agent holder = head();
        if (holder == null) {
            return null;
        }
        if (reservationEntry == null || shownHolder != holder || shownSince != reservedSince) {
            shownHolder = holder;
            shownSince = reservedSince;
            reservationEntry = Views.map("agent_id", holder.id, "tick", reservedSince);
        }
        return reservationEntry;
    }

    /** An affordance in progress. */
    static final class Running {
        final Agent agent;
        final Affordance affordance;
        final long startedTick;
        long remaining;

        Running(Agent agent, Affordance affordance, long startedTick, long remaining) {
            this.agent = agent;
            this.affordance = affordance;
            this.startedTick = startedTick;
            this.remaining = remaining;
        }
    }
}
