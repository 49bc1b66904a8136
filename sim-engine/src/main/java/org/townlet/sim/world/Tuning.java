package org.townlet.sim.world;

/**
 * The town's tunables at their documented defaults (SPEC §17.7, blocks other than {@code simulation}). They are
 * constants in the walking skeleton; Next: issue town simulation turns each block into a validated settings record.
 */
final class Tuning {
    // needs
    static final double HUNGER_DECAY = 0.0012;
    static final double HYGIENE_DECAY = 0.0008;
    static final double ENERGY_DECAY = 0.0006;
    static final double STARVATION_THRESHOLD = 0.05;

    // queues
    static final long COOLDOWN_TICKS = 30;
    // ghost_step_ticks (5): a head that holds a reservation cannot be absent in the skeleton, so ghost steps never
    // happen yet. Next: issue town simulation.
    static final long PATIENCE_TICKS = 90;

    // economy
    static final double MEAL_COST = 0.4;
    static final double INGREDIENTS_COST = 0.15;
    static final double WAGE_RATE = 0.01;
    static final double STARTING_WALLET = 5.0;
    static final long RESTOCK_INTERVAL_TICKS = 240;
    static final int RESTOCK_AMOUNT = 4;
    static final int INITIAL_MEALS = 4;
    static final int INITIAL_INGREDIENTS = 4;
    /** Most ingredients a fridge holds; restocking stops there. */
    static final int FRIDGE_CAPACITY = 20;
    /** A cook at work cooks while its paired fridge holds fewer meals than this. */
    static final int COOK_WHEN_MEALS_BELOW = 4;

    // utilities
    static final double OUTAGE_RATE = 0.0002;
    static final int OUTAGE_MIN_TICKS = 30;
    static final int OUTAGE_MAX_TICKS = 180;

    // employment
    static final int DAILY_EXIT_CAP = 2;
    static final int EXIT_QUEUE_LIMIT = 8;
    static final long REVIEW_WINDOW = 1440;
    static final int SHIFT_LENGTH_TICKS = 480;
    static final long LATENESS_EXIT_THRESHOLD = 5;
    static final int ABSENT_SHIFTS_EXIT_THRESHOLD = 3;
    /** Ticks after a shift starts within which an arrival still counts as on time. */
    static final long ARRIVAL_GRACE_TICKS = 5;
    /** Ticks before a shift starts during which the shift state reads {@code pre_shift}. */
    static final long PRE_SHIFT_TICKS = 30;

    // relationships
    static final int TIE_CAPACITY = 8;
    static final long CHURN_WINDOW = 600;
    static final int CHURN_HISTORY = 8;
    static final double TIE_DECAY_PER_TICK = 0.0005;
    static final double EVICTION_FLOOR = 0.05;
    /** Chance per tick that a socialising agent starts a chat. */
    static final double CHAT_CHANCE = 0.1;
    static final double CHAT_SUCCESS_QUALITY = 0.4;

    // rewards
    static final double REWARD_CLIP = 1.0;

    // perturbations
    static final double PRICE_SPIKE_RATE = 0.0005;
    static final long PRICE_SPIKE_DURATION = 240;
    static final long PERTURBATION_COOLDOWN_TICKS = 720;

    // policy
    static final long OPTION_COMMIT_TICKS = 15;
    /** A need at or below this level overrides work. */
    static final double CRITICAL_NEED = 0.15;
    /** A need at or below this level is acted on when off shift. */
    static final double URGENT_NEED = 0.5;

    private Tuning() {
    }
}
