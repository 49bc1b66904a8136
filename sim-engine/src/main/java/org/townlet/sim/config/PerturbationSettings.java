package org.townlet.sim.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code perturbations} block (SPEC §17.3, §17.7): random price spikes and the fixed schedule. Outside its
 * cooldown, a random price spike starts with probability {@code price_spike_rate} per tick and lasts
 * {@code price_spike_duration} ticks; every perturbation, scheduled or random, starts its spec's cooldown of
 * {@code cooldown_ticks}. Scheduled entries fire at their tick whatever the rates and cooldowns. Random power and
 * water outages come from the {@code utilities} block. Immutable.
 *
 * <p>YAML binding: each key is the snake_case form of a component ({@code price_spike_rate} ↔
 * {@link #priceSpikeRate()}; {@code schedule} is a list of {@link ScheduledPerturbation}); bind through the canonical
 * constructor or {@link #builder()}. Messages name the key, with the index for schedule entries
 * ({@code perturbations.schedule[1].magnitude must be 1.1–3; got 5.0}).
 *
 * @param priceSpikeRate     per-tick chance of a random price spike, 0–1 ({@value #DEFAULT_PRICE_SPIKE_RATE})
 * @param priceSpikeDuration length of a price spike in ticks, 1–1000000 ({@value #DEFAULT_PRICE_SPIKE_DURATION})
 * @param cooldownTicks      per-spec (and per-agent) cooldown after a perturbation, 0–1000000
 *                           ({@value #DEFAULT_COOLDOWN_TICKS})
 * @param schedule           perturbations at fixed ticks, in any order ({@code []})
 */
public record PerturbationSettings(double priceSpikeRate, long priceSpikeDuration, long cooldownTicks,
        List<ScheduledPerturbation> schedule) {
    public static final double DEFAULT_PRICE_SPIKE_RATE = 0.0005;
    public static final long DEFAULT_PRICE_SPIKE_DURATION = 240;
    public static final long DEFAULT_COOLDOWN_TICKS = 720;

    /** Every key at its default. */
    public static final PerturbationSettings DEFAULTS = new PerturbationSettings(DEFAULT_PRICE_SPIKE_RATE,
            DEFAULT_PRICE_SPIKE_DURATION, DEFAULT_COOLDOWN_TICKS, List.of());

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public PerturbationSettings {
        Check.range("perturbations.price_spike_rate", priceSpikeRate, 0.0, 1.0);
        Check.range("perturbations.price_spike_duration", priceSpikeDuration, 1, 1_000_000);
        Check.range("perturbations.cooldown_ticks", cooldownTicks, 0, 1_000_000);
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
        for (int i = 0; i < schedule.size(); i++) {
            Objects.requireNonNull(schedule.get(i), "perturbations.schedule[" + i + "]")
                    .validate("perturbations.schedule[" + i + "]");
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
        private double priceSpikeRate;
        private long priceSpikeDuration;
        private long cooldownTicks;
        private List<ScheduledPerturbation> schedule;

        private Builder(PerturbationSettings from) {
            priceSpikeRate = from.priceSpikeRate;
            priceSpikeDuration = from.priceSpikeDuration;
            cooldownTicks = from.cooldownTicks;
            schedule = from.schedule;
        }

        public Builder priceSpikeRate(double value) {
            priceSpikeRate = value;
            return this;
        }

        public Builder priceSpikeDuration(long value) {
            priceSpikeDuration = value;
            return this;
        }

        public Builder cooldownTicks(long value) {
            cooldownTicks = value;
            return this;
        }

        public Builder schedule(List<ScheduledPerturbation> value) {
            schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        public Builder schedule(ScheduledPerturbation... value) {
            return schedule(List.of(value));
        }

        public PerturbationSettings build() {
            return new PerturbationSettings(priceSpikeRate, priceSpikeDuration, cooldownTicks, schedule);
        }
    }
}
