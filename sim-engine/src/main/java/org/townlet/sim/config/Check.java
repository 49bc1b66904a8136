package org.townlet.sim.config;

import java.util.Objects;

/**
 * The validation messages of the simulation config blocks, in one format: {@code <block>.<key> must be <rule>; got
 * <value>}, e.g. {@code needs.hunger_decay must be 0–1; got 2.0}. Ranges are inclusive and written with an en dash;
 * doubles are shown as Java prints them ({@code 2.0}), integers without a decimal point. Stateless.
 */
final class Check {
    private Check() {
    }

    /** {@code min <= value <= max}; NaN is rejected too. */
    static double range(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(key + " must be " + number(min) + "–" + number(max) + "; got "
                    + value);
        }
        return value;
    }

    /** {@code min <= value <= max} for integers. */
    static long range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + "–" + max + "; got " + value);
        }
        return value;
    }

    /** {@code value >= min}. */
    static long atLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + "; got " + value);
        }
        return value;
    }

    /** A non-null, non-blank text. */
    static String nonBlank(String key, String value) {
        Objects.requireNonNull(value, key);
        if (value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        return value;
    }

    /** A range bound as written in a message: {@code 1} for 1.0, {@code 0.5} for 0.5. */
    static String number(double bound) {
        if (bound == Math.rint(bound) && Math.abs(bound) < 1e15) {
            return Long.toString((long) bound);
        }
        return Double.toString(bound);
    }
}
