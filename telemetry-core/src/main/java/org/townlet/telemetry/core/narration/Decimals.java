package org.townlet.telemetry.core.narration;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Two-decimal formatting of narration messages (SPEC §7.3): {@code {x:.2f}} rounds the exact binary value of
 * {@code x} half-to-even ({@code new BigDecimal(x).setScale(2, HALF_EVEN)}), as Python's format does; {@code {x:+.2f}}
 * adds {@code +} for non-negative values. A negative value that rounds to zero keeps its sign ({@code -0.00}), and
 * NaN and infinities read {@code nan}, {@code inf}, {@code -inf}. {@code String.format("%.2f")} rounds half-up on the
 * decimal expansion and is not used. Stateless.
 *
 * <p>Values below 2<sup>56</sup> are rounded in integer arithmetic on the double's own mantissa and exponent, which is
 * exact and allocates nothing ({@code new BigDecimal(0.1)} expands 55 digits and divides them, about a microsecond);
 * larger values, far outside anything narrated, still go through {@link BigDecimal}.
 */
public final class Decimals {
    /** Marks a value too large for the exact {@code long} path of {@link #roundedHundredths(double)}. */
    private static final long TOO_LARGE = -1L;

    private Decimals() {
    }

    /** {@code {x:.2f}}. */
    public static String twoDecimals(double x) {
        return append(new StringBuilder(8), x, false).toString();
    }

    /** {@code {x:+.2f}}. */
    public static String signedTwoDecimals(double x) {
        return append(new StringBuilder(8), x, true).toString();
    }

    /** Appends {@code {x:.2f}} to {@code out}; returns {@code out}. */
    static StringBuilder appendTwoDecimals(StringBuilder out, double x) {
        return append(out, x, false);
    }

    /** Appends {@code {x:+.2f}} to {@code out}; returns {@code out}. */
    static StringBuilder appendSignedTwoDecimals(StringBuilder out, double x) {
        return append(out, x, true);
    }

    private static StringBuilder append(StringBuilder out, double x, boolean plus) {
        if (Double.isNaN(x)) {
            return out.append(plus ? "+nan" : "nan");
        }
        boolean negative = x < 0 || (x == 0.0 && 1.0 / x < 0);
        if (Double.isInfinite(x)) {
            return out.append(negative ? "-inf" : plus ? "+inf" : "inf");
        }
        if (negative) {
            out.append('-');
        } else if (plus) {
            out.append('+');
        }
        double magnitude = Math.abs(x);
        long hundredths = roundedHundredths(magnitude);
        if (hundredths == TOO_LARGE) {
            return out.append(new BigDecimal(magnitude).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
        }
        out.append(hundredths / 100).append('.');
        int cents = (int) (hundredths % 100);
        if (cents < 10) {
            out.append('0');
        }
        return out.append(cents);
    }

    /**
     * {@code a · 100} rounded half-to-even, computed exactly, for a finite {@code a >= 0}; {@link #TOO_LARGE} when
     * {@code a >= 2^56} (then {@code a · 100} might not fit in a {@code long}).
     *
     * <p>{@code a = m · 2^e} exactly, with the integer mantissa {@code m < 2^53}. For {@code e >= 0}, {@code a} is an
     * integer. For {@code e < 0}, {@code a · 100 = (100 m) / 2^-e}, where {@code 100 m < 2^60} fits in a {@code long}:
     * the quotient is the rounded-down value and the remainder, compared with half the divisor, decides the rounding
     * (a tie goes to the even quotient). With {@code -e >= 61} the value is below one half and rounds to 0.
     */
    static long roundedHundredths(double a) {
        long bits = Double.doubleToRawLongBits(a);
        int biasedExponent = (int) (bits >>> 52);
        long mantissa = bits & ((1L << 52) - 1);
        int exponent;
        if (biasedExponent == 0) {
            exponent = -1074; // subnormal
        } else {
            mantissa |= 1L << 52;
            exponent = biasedExponent - 1075;
        }
        if (exponent >= 0) {
            return exponent > 3 ? TOO_LARGE : (mantissa << exponent) * 100;
        }
        int shift = -exponent;
        if (shift >= 61) {
            return 0L;
        }
        long scaled = mantissa * 100;
        long quotient = scaled >>> shift;
        long remainder = scaled & ((1L << shift) - 1);
        long half = 1L << (shift - 1);
        if (remainder > half || (remainder == half && (quotient & 1) == 1)) {
            quotient++;
        }
        return quotient;
    }
}
