package org.townlet.telemetry.core.config;

import java.math.BigDecimal;

/**
 * Range checks for settings records, with the messages of SPEC §15.1: {@code <key> must be <min>–<max>; got <value>}
 * (an en dash between the bounds). Stateless.
 */
public final class SettingChecks {
    private SettingChecks() {
    }

    /**
     * {@code value} if it lies in {@code [min, max]}.
     *
     * @throws TelemetryConfigException {@code <key> must be <min>–<max>; got <value>}
     */
    public static long inRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw TelemetryConfigException.setting(key, "must be " + min + "–" + max + "; got " + value);
        }
        return value;
    }

    /**
     * {@code value} if it is finite and lies in {@code [min, max]}.
     *
     * @throws TelemetryConfigException {@code <key> must be <min>–<max>; got <value>}
     */
    public static double inRange(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw TelemetryConfigException.setting(key, "must be " + bound(min) + "–" + bound(max) + "; got "
                    + value);
        }
        return value;
    }

    /** A bound as written in SPEC §15.1: {@code 1} rather than {@code 1.0}, {@code 0.5} as is. */
    static String bound(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
