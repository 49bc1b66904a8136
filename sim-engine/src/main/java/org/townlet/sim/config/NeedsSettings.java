package org.townlet.sim.config;

/**
 * The {@code needs} block (SPEC §17.2, §17.7): how fast each need decays per tick (before the personality profile's
 * needs multiplier), and the hunger level below which an agent counts a starvation incident. Needs run from 0 to 1,
 * 1 meaning satisfied. Immutable.
 *
 * <p>YAML binding: each key of the block is the snake_case form of a component ({@code hunger_decay} ↔
 * {@link #hungerDecay()}); bind through the canonical constructor or {@link #builder()}. Validation happens in the
 * compact constructor, with messages naming the key ({@code needs.hunger_decay must be 0–1; got 2.0}).
 *
 * @param hungerDecay         hunger lost per tick, 0–1 ({@value #DEFAULT_HUNGER_DECAY})
 * @param hygieneDecay        hygiene lost per tick, 0–1 ({@value #DEFAULT_HYGIENE_DECAY})
 * @param energyDecay         energy lost per tick, 0–1 ({@value #DEFAULT_ENERGY_DECAY})
 * @param starvationThreshold hunger under this is a starvation incident, 0–1 ({@value #DEFAULT_STARVATION_THRESHOLD})
 */
public record NeedsSettings(double hungerDecay, double hygieneDecay, double energyDecay, double starvationThreshold) {
    public static final double DEFAULT_HUNGER_DECAY = 0.0012;
    public static final double DEFAULT_HYGIENE_DECAY = 0.0008;
    public static final double DEFAULT_ENERGY_DECAY = 0.0006;
    public static final double DEFAULT_STARVATION_THRESHOLD = 0.05;

    /** Every key at its default. */
    public static final NeedsSettings DEFAULTS = new NeedsSettings(DEFAULT_HUNGER_DECAY, DEFAULT_HYGIENE_DECAY,
            DEFAULT_ENERGY_DECAY, DEFAULT_STARVATION_THRESHOLD);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public NeedsSettings {
        Check.range("needs.hunger_decay", hungerDecay, 0.0, 1.0);
        Check.range("needs.hygiene_decay", hygieneDecay, 0.0, 1.0);
        Check.range("needs.energy_decay", energyDecay, 0.0, 1.0);
        Check.range("needs.starvation_threshold", starvationThreshold, 0.0, 1.0);
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
        private double hungerDecay;
        private double hygieneDecay;
        private double energyDecay;
        private double starvationThreshold;

        private Builder(NeedsSettings from) {
            hungerDecay = from.hungerDecay;
            hygieneDecay = from.hygieneDecay;
            energyDecay = from.energyDecay;
            starvationThreshold = from.starvationThreshold;
        }

        public Builder hungerDecay(double value) {
            hungerDecay = value;
            return this;
        }

        public Builder hygieneDecay(double value) {
            hygieneDecay = value;
            return this;
        }

        public Builder energyDecay(double value) {
            energyDecay = value;
            return this;
        }

        public Builder starvationThreshold(double value) {
            starvationThreshold = value;
            return this;
        }

        public NeedsSettings build() {
            return new NeedsSettings(hungerDecay, hygieneDecay, energyDecay, starvationThreshold);
        }
    }
}
