package org.townlet.sim.config;

/**
 * The {@code utilities} block (SPEC §17.3, §17.7): random power and water outages. While a utility is on, an outage
 * starts with probability {@code outage_rate} per tick and lasts {@code outage_min_ticks}–{@code outage_max_ticks}
 * ticks. Consoles and perturbations can force outages whatever the rate. Immutable.
 *
 * <p>YAML binding: each key is the snake_case form of a component ({@code outage_min_ticks} ↔
 * {@link #outageMinTicks()}); bind through the canonical constructor or {@link #builder()}. Messages name the key
 * ({@code utilities.outage_rate must be 0–1; got 1.5}); the cross-field rule names both keys.
 *
 * @param outageRate     per-tick chance of an outage of each utility, 0–1 ({@value #DEFAULT_OUTAGE_RATE})
 * @param outageMinTicks shortest random outage, 1–1000000 ({@value #DEFAULT_OUTAGE_MIN_TICKS})
 * @param outageMaxTicks longest random outage, 1–1000000 and {@code >= outage_min_ticks}
 *                       ({@value #DEFAULT_OUTAGE_MAX_TICKS})
 */
public record UtilitySettings(double outageRate, long outageMinTicks, long outageMaxTicks) {
    public static final double DEFAULT_OUTAGE_RATE = 0.0002;
    public static final long DEFAULT_OUTAGE_MIN_TICKS = 30;
    public static final long DEFAULT_OUTAGE_MAX_TICKS = 180;

    /** Every key at its default. */
    public static final UtilitySettings DEFAULTS = new UtilitySettings(DEFAULT_OUTAGE_RATE, DEFAULT_OUTAGE_MIN_TICKS,
            DEFAULT_OUTAGE_MAX_TICKS);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public UtilitySettings {
        Check.range("utilities.outage_rate", outageRate, 0.0, 1.0);
        Check.range("utilities.outage_min_ticks", outageMinTicks, 1, 1_000_000);
        Check.range("utilities.outage_max_ticks", outageMaxTicks, 1, 1_000_000);
        if (outageMaxTicks < outageMinTicks) {
            throw new IllegalArgumentException("utilities.outage_max_ticks must be >= utilities.outage_min_ticks ("
                    + outageMinTicks + "); got " + outageMaxTicks);
        }
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
        private double outageRate;
        private long outageMinTicks;
        private long outageMaxTicks;

        private Builder(UtilitySettings from) {
            outageRate = from.outageRate;
            outageMinTicks = from.outageMinTicks;
            outageMaxTicks = from.outageMaxTicks;
        }

        public Builder outageRate(double value) {
            outageRate = value;
            return this;
        }

        public Builder outageMinTicks(long value) {
            outageMinTicks = value;
            return this;
        }

        public Builder outageMaxTicks(long value) {
            outageMaxTicks = value;
            return this;
        }

        public UtilitySettings build() {
            return new UtilitySettings(outageRate, outageMinTicks, outageMaxTicks);
        }
    }
}
