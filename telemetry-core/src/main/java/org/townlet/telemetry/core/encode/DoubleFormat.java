package org.townlet.telemetry.core.encode;

import java.math.BigInteger;

/**
 * Writes a finite double as ASCII straight into a byte array, in the text the stream has always carried: the
 * shortest decimal that rounds back to the double (the closest such one, ties to an even last digit), formatted like
 * {@code Double.toString} of Java 19+ ({@code 0.5}, {@code 1500000.0}, {@code 1.0E7}, {@code 0.001},
 * {@code 9.999999999999998E-4}, {@code -0.0}). That is the text of Jackson's {@code USE_FAST_DOUBLE_WRITER}, which
 * the encoder used before; Java 17's own {@code Double.toString} differs for some values, so it is not used.
 *
 * <p>Why not Jackson's writer itself: its only entry point returns a {@link String}, i.e. two or three objects per
 * double, and doubles are most of a frame's values. This class allocates nothing.
 *
 * <p>The digits come from R. Giulietti's Schubfach algorithm ("The Schubfach way to render doubles", 2020): the
 * double's rounding interval is scaled by a 126-bit approximation of a power of ten (the table {@link #G}, computed
 * here at class initialisation from its definition) and the shortest decimal inside it is read off with a few
 * multiplications. {@code DoubleFormatTest} compares every case against Jackson's writer.
 *
 * <p>Stateless and thread-safe.
 */
final class DoubleFormat {
    /**
     * The room {@link #write} needs: at most 24 bytes are written (sign, 17 digits, point, {@code E}, exponent sign, 3
     * digits), and the digits are first laid out at positions 2 to 18.
     */
    static final int MAX_LENGTH = 24;
    /** The most significant digits a double needs. */
    private static final int SIGNIFICAND_DIGITS = 17;
    private static final long EIGHT_DIGITS = 100_000_000;
    private static final long FRACTION_28 = (1L << 28) - 1;

    /** Bits of precision of a double, hidden bit included. */
    private static final int PRECISION = 53;
    /** The binary exponent q of the subnormals (value = c · 2^q). */
    static final int MIN_EXPONENT = -1074;
    private static final long HIDDEN_BIT = 1L << (PRECISION - 1);
    private static final long SIGNIFICAND_MASK = HIDDEN_BIT - 1;
    private static final int BIASED_EXPONENT_MASK = 0x7FF;
    /**
     * Subnormal significands below this, ceil(2^1074 · 10^-323), are the doubles below 10^-323, whose shortest decimal
     * has one digit; Java's format asks for two there, so they are computed at ten times the scale.
     */
    static final long TINY_SIGNIFICAND = 3;

    /** The powers of ten the table covers: floor(log10(2^q)) over all q of finite doubles. */
    static final int K_MIN = -324;
    static final int K_MAX = 292;
    private static final long MASK_63 = Long.MAX_VALUE;

    /**
     * For each k in [K_MIN, K_MAX], g = floor(10^-k · 2^(125 - floor(log2(10^-k)))) + 1, a 126-bit number just above
     * 10^-k scaled into [2^125, 2^126), stored as its high part g1 = g >> 63 at {@code 2(k - K_MIN)} and its low 63
     * bits g0 at the next index.
     */
    private static final long[] G = powersOfTen();

    private static final byte[] DIGIT_PAIRS = digitPairs();
    /** 10^i for i in [0, 18]. */
    private static final long[] POWERS_OF_TEN = powersOfTenLong();

    private DoubleFormat() {
    }

    /**
     * Writes finite {@code value} at {@code buffer[position]}, which must have {@link #MAX_LENGTH} bytes of room.
     *
     * @return the position after the last byte written
     */
    static int write(double value, byte[] buffer, int position) {
        long bits = Double.doubleToRawLongBits(value);
        int at = position;
        if (bits < 0) {
            buffer[at++] = '-';
        }
        long fraction = bits & SIGNIFICAND_MASK;
        int biased = (int) (bits >>> (PRECISION - 1)) & BIASED_EXPONENT_MASK;
        if (biased != 0) {
            int q = biased + MIN_EXPONENT - 1;
            long c = HIDDEN_BIT | fraction;
            // An integer below 2^53 is written with all its digits (what Jackson's writer does too).
            if (q < 0 && q > -PRECISION) {
                long integral = c >> -q;
                if (integral << -q == c) {
                    return decimal(integral, 0, buffer, at);
                }
            }
            return shortest(q, c, 0, buffer, at);
        }
        if (fraction == 0) {
            buffer[at] = '0';
            buffer[at + 1] = '.';
            buffer[at + 2] = '0';
            return at + 3;
        }
        return fraction < TINY_SIGNIFICAND
                ? shortest(MIN_EXPONENT, 10 * fraction, -1, buffer, at)
                : shortest(MIN_EXPONENT, fraction, 0, buffer, at);
    }

    /**
     * The shortest decimal in the rounding interval of c · 2^q (the closest one when several have that length), then
     * written; {@code extraScale} is -1 when c was multiplied by ten for a second digit.
     */
    private static int shortest(int q, long c, int extraScale, byte[] buffer, int at) {
        // With an even significand the interval's bounds round to it (ties to even), so they belong to it.
        int odd = (int) c & 1;
        long c4 = c << 2;
        long c4Upper = c4 + 2;
        long c4Lower;
        int k;
        if (c != HIDDEN_BIT || q == MIN_EXPONENT) {
            c4Lower = c4 - 2;
            k = floorLog10Pow2(q);
        } else {
            // A power of two: the gap below it is half the gap above.
            c4Lower = c4 - 1;
            k = floorLog10ThreeQuartersPow2(q);
        }
        int shift = q + floorLog2Pow10(-k) + 2;
        int index = (k - K_MIN) << 1;
        long g1 = G[index];
        long g0 = G[index + 1];
        // v, its lower and its upper bound, times 4 · 10^-k, rounded to odd (enough to decide every comparison below)
        long v = roundToOdd(g1, g0, c4 << shift);
        long lower = roundToOdd(g1, g0, c4Lower << shift);
        long upper = roundToOdd(g1, g0, c4Upper << shift);

        long s = v >> 2;
        if (s >= 100) {
            // One digit fewer: s rounded down or up to a multiple of ten, when exactly one lies in the interval.
            long down = s / 10 * 10;
            long up = down + 10;
            boolean downInside = lower + odd <= down << 2;
            boolean upInside = (up << 2) + odd <= upper;
            if (downInside != upInside) {
                return decimal(downInside ? down : up, k + extraScale, buffer, at);
            }
        }
        long t = s + 1;
        boolean sInside = lower + odd <= s << 2;
        boolean tInside = (t << 2) + odd <= upper;
        if (sInside != tInside) {
            return decimal(sInside ? s : t, k + extraScale, buffer, at);
        }
        // Both inside: the closer one, the even one on a tie.
        long distance = v - ((s + t) << 1);
        boolean pickS = distance < 0 || distance == 0 && (s & 1) == 0;
        return decimal(pickS ? s : t, k + extraScale, buffer, at);
    }

    /** g · cp / 2^127 with g = g1 · 2^63 + g0, rounded to odd: truncated, lowest bit set when anything was cut off. */
    private static long roundToOdd(long g1, long g0, long cp) {
        long lowHigh = Math.multiplyHigh(g0, cp);
        long highLow = g1 * cp;
        long highHigh = Math.multiplyHigh(g1, cp);
        long middle = (highLow >>> 1) + lowHigh;
        long result = highHigh + (middle >>> 63);
        // (x + MASK_63) >>> 63 is 1 exactly when the 63 bits x are not all zero
        return result | ((middle & MASK_63) + MASK_63) >>> 63;
    }

    // ------------------------------------------------------------------ text

    /**
     * Writes {@code digits} · 10^{@code exponent} ({@code 0 < digits < 10^17}) in Java's format: plain with at least
     * one digit after the point when 10^-3 ≤ value < 10^7, otherwise {@code d.dddEn}.
     *
     * <p>The digits are first written zero-padded to 17 places at {@code at + 1} (left to right, see
     * {@link #writeEightDigits}), trailing zeros found by looking at the bytes, and then moved into place: no chain of
     * divisions, which is what made this part cost several times the digit search above.
     */
    private static int decimal(long digits, int exponent, byte[] buffer, int at) {
        int length = digitCount(digits);
        int last = at + SIGNIFICAND_DIGITS;
        if (digits < EIGHT_DIGITS) {
            writeEightDigits((int) digits, buffer, last - 7);
        } else {
            long high = digits / EIGHT_DIGITS;
            long middle = high % EIGHT_DIGITS;
            buffer[last - 16] = (byte) ('0' + high / EIGHT_DIGITS);
            writeEightDigits((int) middle, buffer, last - 15);
            writeEightDigits((int) (digits - high * EIGHT_DIGITS), buffer, last - 7);
        }
        int first = last - length + 1;
        while (buffer[last] == '0') {
            last--;
        }
        int count = last - first + 1;
        int scientific = exponent + length - 1;
        if (scientific >= 0 && scientific < 7) {
            int integerDigits = scientific + 1;
            if (count <= integerDigits) {
                System.arraycopy(buffer, first, buffer, at, count);
                int end = at + count;
                for (int i = count; i < integerDigits; i++) {
                    buffer[end++] = '0';
                }
                buffer[end] = '.';
                buffer[end + 1] = '0';
                return end + 2;
            }
            // integer part one place left of the point, the fraction after it (sources are never overwritten first)
            System.arraycopy(buffer, first, buffer, at, integerDigits);
            System.arraycopy(buffer, first + integerDigits, buffer, at + integerDigits + 1, count - integerDigits);
            buffer[at + integerDigits] = '.';
            return at + count + 1;
        }
        if (scientific < 0 && scientific >= -3) {
            int start = at + 1 - scientific;
            System.arraycopy(buffer, first, buffer, start, count);
            buffer[at] = '0';
            buffer[at + 1] = '.';
            for (int i = at + 2; i < start; i++) {
                buffer[i] = '0';
            }
            return start + count;
        }
        byte lead = buffer[first];
        System.arraycopy(buffer, first + 1, buffer, at + 2, count - 1);
        buffer[at] = lead;
        buffer[at + 1] = '.';
        int end = at + count + 1;
        if (count == 1) {
            buffer[end++] = '0';
        }
        buffer[end++] = 'E';
        int magnitude = scientific;
        if (magnitude < 0) {
            buffer[end++] = '-';
            magnitude = -magnitude;
        }
        int exponentDigits = magnitude >= 100 ? 3 : magnitude >= 10 ? 2 : 1;
        writeDigits(magnitude, exponentDigits, buffer, end);
        return end + exponentDigits;
    }

    /**
     * Exactly eight digits of {@code value < 10^8}, leading zeros included, left to right: y = floor((value + 1) ·
     * 2^28 / 10^8) - 1 is value / 10^8 as a 28-bit binary fraction, a little above it by less than 10^-8, so
     * multiplying it by ten eight times yields the digits of value as its integer parts (DoubleFormatTest checks all
     * 10^8 values).
     */
    static void writeEightDigits(int value, byte[] buffer, int at) {
        long y = (((long) value + 1) << 28) / EIGHT_DIGITS - 1;
        for (int i = 0; i < 8; i++) {
            y *= 10;
            buffer[at + i] = (byte) ('0' + (y >>> 28));
            y &= FRACTION_28;
        }
    }

    /** The number of decimal digits of {@code value >= 0} (1 for 0). */
    static int digitCount(long value) {
        // With b bits, value has floor(log10(2^b)) digits, or one more when it reaches that power of ten. (value | 1
        // has the same number of digits, and 0 gets 1.)
        long odd = value | 1;
        int estimate = floorLog10Pow2(Long.SIZE - Long.numberOfLeadingZeros(odd));
        return odd >= POWERS_OF_TEN[estimate] ? estimate + 1 : estimate;
    }

    /** Writes the {@code count} decimal digits of {@code value >= 0} at {@code buffer[at]}, right to left. */
    static void writeDigits(long value, int count, byte[] buffer, int at) {
        int end = at + count;
        long rest = value;
        while (rest >= Integer.MAX_VALUE) {
            long quotient = rest / 100;
            int pair = (int) (rest - quotient * 100) << 1;
            end -= 2;
            buffer[end] = DIGIT_PAIRS[pair];
            buffer[end + 1] = DIGIT_PAIRS[pair + 1];
            rest = quotient;
        }
        int small = (int) rest;
        while (small >= 100) {
            int quotient = small / 100;
            int pair = (small - quotient * 100) << 1;
            end -= 2;
            buffer[end] = DIGIT_PAIRS[pair];
            buffer[end + 1] = DIGIT_PAIRS[pair + 1];
            small = quotient;
        }
        if (small >= 10) {
            int pair = small << 1;
            buffer[end - 2] = DIGIT_PAIRS[pair];
            buffer[end - 1] = DIGIT_PAIRS[pair + 1];
        } else {
            buffer[end - 1] = (byte) ('0' + small);
        }
    }

    // ------------------------------------------------------------------ logarithms and the table

    /** floor(e · log10(2)), exact for |e| ≤ 5,456,721 ({@code DoubleFormatTest} checks the range used). */
    static int floorLog10Pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** floor(log10(3/4 · 2^e)), exact over the range used. */
    static int floorLog10ThreeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(e · log2(10)), exact over the range used. */
    static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    private static long[] powersOfTen() {
        long[] table = new long[(K_MAX - K_MIN + 1) * 2];
        for (int k = K_MIN; k <= K_MAX; k++) {
            BigInteger g = scaledPowerOfTen(-k).add(BigInteger.ONE);
            int index = (k - K_MIN) << 1;
            table[index] = g.shiftRight(63).longValueExact();
            table[index + 1] = g.longValue() & MASK_63;
        }
        return table;
    }

    /** floor(10^e · 2^(125 - floor(log2(10^e)))), a number of exactly 126 bits. */
    static BigInteger scaledPowerOfTen(int e) {
        int shift = 125 - floorLog2Pow10(e);
        if (e >= 0) {
            BigInteger power = BigInteger.TEN.pow(e);
            return shift >= 0 ? power.shiftLeft(shift) : power.shiftRight(-shift);
        }
        return BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(-e));
    }

    private static long[] powersOfTenLong() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    private static byte[] digitPairs() {
        byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = (byte) ('0' + i / 10);
            pairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }
}
