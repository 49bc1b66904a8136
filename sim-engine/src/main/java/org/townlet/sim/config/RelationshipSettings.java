package org.townlet.sim.config;

/**
 * The {@code relationships} block (SPEC §17.5, §17.7): directed ties between agents and their churn. Each agent keeps
 * at most {@code tie_capacity} ties; every value decays towards 0 by {@code decay_per_tick}; a tie under
 * {@code eviction_floor} on all three values is evicted; evictions are counted in fixed windows of
 * {@code churn_window} ticks. Immutable.
 *
 * <p>YAML binding: each key is the snake_case form of a component ({@code tie_capacity} ↔ {@link #tieCapacity()});
 * bind through the canonical constructor or {@link #builder()}. Messages name the key
 * ({@code relationships.tie_capacity must be 1–1000; got 0}).
 *
 * @param tieCapacity  most ties per agent, 1–1000 ({@value #DEFAULT_TIE_CAPACITY})
 * @param churnWindow  width of a churn window in ticks, 1–1000000 ({@value #DEFAULT_CHURN_WINDOW})
 * @param decayPerTick how far each value moves towards 0 per tick, 0–1 ({@value #DEFAULT_DECAY_PER_TICK})
 * @param evictionFloor a tie under this on trust, familiarity (absolute) and rivalry is evicted, 0–1
 *                     ({@value #DEFAULT_EVICTION_FLOOR})
 */
public record RelationshipSettings(long tieCapacity, long churnWindow, double decayPerTick, double evictionFloor) {
    public static final long DEFAULT_TIE_CAPACITY = 8;
    public static final long DEFAULT_CHURN_WINDOW = 600;
    public static final double DEFAULT_DECAY_PER_TICK = 0.0005;
    public static final double DEFAULT_EVICTION_FLOOR = 0.05;

    /** Every key at its default. */
    public static final RelationshipSettings DEFAULTS = new RelationshipSettings(DEFAULT_TIE_CAPACITY,
            DEFAULT_CHURN_WINDOW, DEFAULT_DECAY_PER_TICK, DEFAULT_EVICTION_FLOOR);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public RelationshipSettings {
        Check.range("relationships.tie_capacity", tieCapacity, 1, 1000);
        Check.range("relationships.churn_window", churnWindow, 1, 1_000_000);
        Check.range("relationships.decay_per_tick", decayPerTick, 0.0, 1.0);
        Check.range("relationships.eviction_floor", evictionFloor, 0.0, 1.0);
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
        private long tieCapacity;
        private long churnWindow;
        private double decayPerTick;
        private double evictionFloor;

        private Builder(RelationshipSettings from) {
            tieCapacity = from.tieCapacity;
            churnWindow = from.churnWindow;
            decayPerTick = from.decayPerTick;
            evictionFloor = from.evictionFloor;
        }

        public Builder tieCapacity(long value) {
            tieCapacity = value;
            return this;
        }

        public Builder churnWindow(long value) {
            churnWindow = value;
            return this;
        }

        public Builder decayPerTick(double value) {
            decayPerTick = value;
            return this;
        }

        public Builder evictionFloor(double value) {
            evictionFloor = value;
            return this;
        }

        public RelationshipSettings build() {
            return new RelationshipSettings(tieCapacity, churnWindow, decayPerTick, evictionFloor);
        }
    }
}
