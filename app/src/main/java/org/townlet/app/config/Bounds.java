package org.townlet.app.config;

/** Range checks shared by the binder (which reports with positions) and the records' compact constructors. */
final class Bounds {
    private Bounds() {
    }

    static long check(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + "–" + max + "; got " + value);
        }
        return value;
    }

    static double check(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(key + " must be " + Section.number(min) + "–" + Section.number(max)
                    + "; got " + value);
        }
        return value;
    }
}
