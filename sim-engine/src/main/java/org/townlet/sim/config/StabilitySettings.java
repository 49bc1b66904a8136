package org.townlet.sim.config;

/**
 * The {@code stability} block (SPEC §17.6, §17.7): the {@code lateness_spike} alert fires while the mean lateness
 * counter is above {@code lateness_threshold}; promotion is evaluated every {@code promotion_window} ticks.
 * Immutable.
 *
 * <p>YAML binding: each key is the snake_case form of a component ({@code promotion_window} ↔
 * {@link #promotionWindow()}); bind through the canonical constructor or {@link #builder()}. Messages name the key
 * ({@code stability.promotion_window must be 1–1000000; got 0}).
 *
 * @param latenessThreshold mean lateness above which {@code lateness_spike} is raised, 0–1000
 *                          ({@value #DEFAULT_LATENESS_THRESHOLD})
 * @param promotionWindow   ticks between promotion evaluations, 1–1000000 ({@value #DEFAULT_PROMOTION_WINDOW})
 */
public record StabilitySettings(double latenessThreshold, long promotionWindow) {
    public static final double DEFAULT_LATENESS_THRESHOLD = 3.0;
    public static final long DEFAULT_PROMOTION_WINDOW = 500;

    /** Every key at its default. */
    public static final StabilitySettings DEFAULTS = new StabilitySettings(DEFAULT_LATENESS_THRESHOLD,
            DEFAULT_PROMOTION_WINDOW);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public StabilitySettings {
        Check.range("stability.lateness_threshold", latenessThreshold, 0.0, 1000.0);
        Check.range("stability.promotion_window", promotionWindow, 1, 1_000_000);
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
        private double latenessThreshold;
        private long promotionWindow;

        private Builder(StabilitySettings from) {
            latenessThreshold = from.latenessThreshold;
            promotionWindow = from.promotionWindow;
        }

        public Builder latenessThreshold(double value) {
            latenessThreshold = value;
            return this;
        }

        public Builder promotionWindow(long value) {
            promotionWindow = value;
            return this;
        }

        public StabilitySettings build() {
            return new StabilitySettings(latenessThreshold, promotionWindow);
        }
    }
}
