package org.townlet.sim.config;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code perturbations.schedule} (SPEC §17.3): a perturbation fired at a fixed tick, whatever the rates
 * and cooldowns. Immutable; {@code null} targets become {@code []}. The entry is validated, with its index in the
 * messages, when it is placed in {@link PerturbationSettings}.
 *
 * <p>YAML binding: {@code {tick, spec, duration_ticks?, magnitude?, targets?}}; each key is the snake_case form of a
 * component ({@code duration_ticks} ↔ {@link #durationTicks()}); absent optional keys bind to {@code null}.
 *
 * @param tick          the tick it fires at, {@code >= 1}
 * @param spec          one of {@link #SPECS}
 * @param durationTicks how long it lasts, 1–1000000; {@code null}: {@code perturbations.price_spike_duration} for a
 *                      price spike, {@code utilities.outage_min_ticks} for an outage
 * @param magnitude     price multiplier of a {@code price_spike}, 1.1–3.0; {@code null}: {@value #DEFAULT_MAGNITUDE};
 *                      rejected for other specs
 * @param targets       priced items a {@code price_spike} raises, each one of {@link #PRICED_ITEMS}; {@code []}:
 *                      {@code [meal]}; rejected for other specs
 */
public record ScheduledPerturbation(long tick, String spec, Long durationTicks, Double magnitude,
        List<String> targets) {
    public static final String PRICE_SPIKE = "price_spike";
    public static final String POWER_OUTAGE = "power_outage";
    public static final String WATER_OUTAGE = "water_outage";
    /** The perturbation specs, sorted. */
    public static final List<String> SPECS = List.of(POWER_OUTAGE, PRICE_SPIKE, WATER_OUTAGE);
    /** The items that have prices, sorted. */
    public static final List<String> PRICED_ITEMS = List.of("ingredients", "meal");
    public static final double DEFAULT_MAGNITUDE = 1.5;
    public static final double MIN_MAGNITUDE = 1.1;
    public static final double MAX_MAGNITUDE = 3.0;

    public ScheduledPerturbation {
        Objects.requireNonNull(spec, "spec");
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** A price spike at {@code tick}. */
    public static ScheduledPerturbation priceSpike(long tick, long durationTicks, double magnitude,
            List<String> targets) {
        return new ScheduledPerturbation(tick, PRICE_SPIKE, durationTicks, magnitude, targets);
    }

    /** A power or water outage ({@code spec} {@value #POWER_OUTAGE} or {@value #WATER_OUTAGE}) at {@code tick}. */
    public static ScheduledPerturbation outage(long tick, String spec, long durationTicks) {
        return new ScheduledPerturbation(tick, spec, durationTicks, null, null);
    }

    /** The magnitude to apply: the given one, else the default. */
    public double effectiveMagnitude() {
        return magnitude == null ? DEFAULT_MAGNITUDE : magnitude;
    }

    /** The targets to apply: the given ones, else {@code [meal]}. */
    public List<String> effectiveTargets() {
        return targets.isEmpty() ? List.of("meal") : targets;
    }

    /** Validates this entry; {@code key} is its path, e.g. {@code perturbations.schedule[0]}. */
    void validate(String key) {
        Check.atLeast(key + ".tick", tick, 1);
        if (!SPECS.contains(spec)) {
            throw new IllegalArgumentException(key + ".spec must be one of " + SPECS + "; got '" + spec + "'");
        }
        if (durationTicks != null) {
            Check.range(key + ".duration_ticks", durationTicks, 1, 1_000_000);
        }
        boolean spike = PRICE_SPIKE.equals(spec);
        if (magnitude != null) {
            if (!spike) {
                throw new IllegalArgumentException(key + ".magnitude applies only to price_spike; got it for "
                        + spec);
            }
            Check.range(key + ".magnitude", magnitude, MIN_MAGNITUDE, MAX_MAGNITUDE);
        }
        if (!targets.isEmpty()) {
            if (!spike) {
                throw new IllegalArgumentException(key + ".targets applies only to price_spike; got it for " + spec);
            }
            for (String target : targets) {
                if (!PRICED_ITEMS.contains(target)) {
                    throw new IllegalArgumentException(key + ".targets must name items of " + PRICED_ITEMS
                            + "; got '" + target + "'");
                }
            }
        }
    }
}
