package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DoubleFormat} writes exactly the text of Jackson's fast double writer (what frames carried before), and the
 * arithmetic it rests on (floor logarithms, the power-of-ten table) is exact over the whole range it is used on.
 */
class DoubleFormatTest {
    private final byte[] buffer = new byte[64];

    private String format(double value) {
        int end = DoubleFormat.write(value, buffer, 3);
        return new String(buffer, 3, end - 3, StandardCharsets.US_ASCII);
    }

    /** One writer for every assertion, as the encoder uses it: its double-text cache is hit too. */
    private final Utf8JsonWriter writer = new Utf8JsonWriter(64);

    private String viaWriter(double value) {
        writer.reset();
        writer.writeDouble(value);
        return new String(writer.toByteArray(), StandardCharsets.US_ASCII);
    }

    private void assertSameAsJackson(double value) {
        String expected = NumberOutput.toString(value, true);
        assertThat(format(value)).as("bits %016x", Double.doubleToRawLongBits(value)).isEqualTo(expected);
        assertThat(viaWriter(value)).as("bits %016x", Double.doubleToRawLongBits(value)).isEqualTo(expected);
    }

    private void assertSameAsJacksonWithNeighbours(double value) {
        for (double v : new double[] {value, Math.nextUp(value), Math.nextDown(value)}) {
            if (Double.isFinite(v)) {
                assertSameAsJackson(v);
                assertSameAsJackson(-v);
            }
        }
    }

    @Test
    void writesTheFormatsBoundariesLikeJava() {
        assertThat(format(0.0)).isEqualTo("0.0");
        assertThat(format(-0.0)).isEqualTo("-0.0");
        assertThat(format(1.0)).isEqualTo("1.0");
        assertThat(format(9_999_999.0)).isEqualTo("9999999.0");
        assertThat(format(1.0E7)).isEqualTo("1.0E7");
        assertThat(format(12_345_678.0)).isEqualTo("1.2345678E7");
        assertThat(format(0.001)).isEqualTo("0.001");
        assertThat(format(1.0E-4)).isEqualTo("1.0E-4");
        assertThat(format(9.999999999999998E-4)).isEqualTo("9.999999999999998E-4");
        assertThat(format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(format(Double.MIN_VALUE)).isEqualTo("4.9E-324");
        assertThat(format(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
        assertThat(format(-1.5E-300)).isEqualTo("-1.5E-300");
    }

    @Test
    void specialAndBoundaryValuesMatchJackson() {
        double[] values = {0.0, Double.MIN_VALUE, 2 * Double.MIN_VALUE, 3 * Double.MIN_VALUE, 4 * Double.MIN_VALUE,
            Double.MIN_NORMAL, Double.MAX_VALUE, 1.0, 0.5, 0.1, 0.2, 0.3, 1.0E7, 1.0E-3, 1.0E-4, 1.0E22, 1.0E23,
            2.82879384806159E17, 9_007_199_254_740_992.0, 9_007_199_254_740_993.0, 4_503_599_627_370_496.0};
        for (double value : values) {
            assertSameAsJacksonWithNeighbours(value);
        }
        for (int e = -325; e <= 308; e++) {
            assertSameAsJacksonWithNeighbours(Double.parseDouble("1e" + e));
            assertSameAsJacksonWithNeighbours(Double.parseDouble("5e" + e));
            assertSameAsJacksonWithNeighbours(Double.parseDouble("9.999999999999999e" + e));
        }
        for (int e = -1074; e <= 1023; e++) {
            assertSameAsJacksonWithNeighbours(Math.scalb(1.0, e));
            assertSameAsJacksonWithNeighbours(Math.scalb(1.5, e));
        }
    }

    @Test
    void integralValuesMatchJackson() {
        for (long i = 0; i <= 100_000; i++) {
            assertSameAsJackson(i);
            assertSameAsJackson(-i);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long magnitude = random.nextLong(1L << random.nextInt(1, 63));
            assertSameAsJackson(magnitude);
            assertSameAsJackson(-(double) magnitude);
        }
        for (long i = 9_999_000; i <= 10_001_000; i++) {
            assertSameAsJackson(i);
        }
    }

    @Test
    void randomBitPatternsMatchJackson() {
        SplittableRandom random = new SplittableRandom(42);
        int checked = 0;
        while (checked < 1_000_000) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                assertSameAsJackson(value);
                checked++;
            }
        }
        for (int i = 0; i < 100_000; i++) {
            // subnormals
            assertSameAsJackson(Double.longBitsToDouble(random.nextLong(1L << 52)));
        }
    }

    @Test
    void decimalLikeValuesFromArithmeticMatchJackson() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500_000; i++) {
            int digits = random.nextInt(1, 8);
            long unscaled = random.nextLong((long) Math.pow(10, digits));
            int scale = random.nextInt(-12, 12);
            double value = unscaled / Math.pow(10, scale);
            assertSameAsJackson(value);
            // what sums, products and decays of such values look like (6.208799999999698E-4, 0.30000000000000004)
            assertSameAsJackson(value * 0.0005 + random.nextDouble() / 7);
            assertSameAsJackson(value - Math.floor(value));
        }
    }

    // ------------------------------------------------------------------ the arithmetic

    @Test
    void floorLogarithmsAreExactOverTheRangeUsed() {
        for (int q = DoubleFormat.MIN_EXPONENT - 1; q <= 1024; q++) {
            BigDecimal power = twoToThe(q);
            assertThat(DoubleFormat.floorLog10Pow2(q)).as("q=%d", q).isEqualTo(floorLog10(power));
            BigDecimal threeQuarters = power.multiply(new BigDecimal("0.75"));
            assertThat(DoubleFormat.floorLog10ThreeQuartersPow2(q)).as("q=%d", q)
                    .isEqualTo(floorLog10(threeQuarters));
        }
        for (int e = -DoubleFormat.K_MAX - 1; e <= -DoubleFormat.K_MIN + 1; e++) {
            int expected = e >= 0 ? BigInteger.TEN.pow(e).bitLength() - 1 : -BigInteger.TEN.pow(-e).bitLength();
            assertThat(DoubleFormat.floorLog2Pow10(e)).as("e=%d", e).isEqualTo(expected);
        }
    }

    @Test
    void thePowerOfTenTableCoversEveryExponentWith126Bits() {
        assertThat(DoubleFormat.floorLog10Pow2(DoubleFormat.MIN_EXPONENT)).isEqualTo(DoubleFormat.K_MIN);
        assertThat(DoubleFormat.floorLog10Pow2(971)).isEqualTo(DoubleFormat.K_MAX);
        for (int k = DoubleFormat.K_MIN; k <= DoubleFormat.K_MAX; k++) {
            assertThat(DoubleFormat.scaledPowerOfTen(-k).bitLength()).as("k=%d", k).isEqualTo(126);
        }
    }

    @Test
    void theTinySignificandBoundIsTheCeilingOfTenToTheMinus323InUnitsOfMinValue() {
        BigDecimal bound = new BigDecimal(BigInteger.ONE.shiftLeft(1074)).movePointLeft(323)
                .setScale(0, RoundingMode.CEILING);
        assertThat(bound.longValueExact()).isEqualTo(DoubleFormat.TINY_SIGNIFICAND);
    }

    @Test
    void eightDigitGroupsAreExactForEveryValue() {
        byte[] written = new byte[8];
        byte[] expected = "00000000".getBytes(StandardCharsets.US_ASCII);
        for (int value = 0; value < 100_000_000; value++) {
            DoubleFormat.writeEightDigits(value, written, 0);
            if (!java.util.Arrays.equals(written, expected)) {
                assertThat(new String(written, StandardCharsets.US_ASCII)).as("value %d", value)
                        .isEqualTo(new String(expected, StandardCharsets.US_ASCII));
            }
            // the next expected text: a decimal counter, no division involved
            for (int i = 7; i >= 0 && ++expected[i] > '9'; i--) {
                expected[i] = '0';
            }
        }
    }

    private static BigDecimal twoToThe(int q) {
        // 2^-n = 5^n / 10^n, exactly
        return q >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(q)) : new BigDecimal(BigInteger.valueOf(5).pow(-q), -q);
    }

    /** floor(log10(x)) of a positive exact decimal. */
    private static int floorLog10(BigDecimal x) {
        return x.precision() - x.scale() - 1;
    }
}
