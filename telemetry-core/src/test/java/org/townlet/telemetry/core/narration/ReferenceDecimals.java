package org.townlet.telemetry.core.narration;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The previous, BigDecimal-based {@link Decimals}, kept verbatim as the reference of the equivalence tests.
 *
 * <p>Two-decimal formatting of narration messages (SPEC §7.3): {@code {x:.2f}} rounds the exact binary value of
 * {@code x} half-to-even ({@code new BigDecimal(x).setScale(2, HALF_EVEN)}), as Python's format does; {@code {x:+.2f}}
 * adds {@code +} for non-negative values. A negative value that rounds to zero keeps its sign ({@code -0.00}), and
 * NaN and infinities read {@code nan}, {@code inf}, {@code -inf}. {@code String.format("%.2f")} rounds half-up on the
 * decimal expansion and is not used. Stateless.
 */
final class ReferenceDecimals {
    private ReferenceDecimals() {
    }

    /** {@code {x:.2f}}. */
    static String twoDecimals(double x) {
        return format(x, false);
    }

    /** {@code {x:+.2f}}. */
    static String signedTwoDecimals(double x) {
        return format(x, true);
    }

    private static String format(double x, boolean plus) {
        if (Double.isNaN(x)) {
            return plus ? "+nan" : "nan";
        }
        boolean negative = x < 0 || (x == 0.0 && 1.0 / x < 0);
        if (Double.isInfinite(x)) {
            return negative ? "-inf" : plus ? "+inf" : "inf";
        }
        String digits = new BigDecimal(Math.abs(x)).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        if (negative) {
            return "-" + digits;
        }
        return plus ? "+" + digits : digits;
    }
}
