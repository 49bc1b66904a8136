package org.townlet.telemetry.core.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void twoDecimalsRoundHalfEvenOnBinaryValue() {
        // 0.125 and 0.375 are exact binary values: ties, rounded to even.
        assertThat(Decimals.twoDecimals(0.125)).isEqualTo("0.12");
        assertThat(Decimals.twoDecimals(0.375)).isEqualTo("0.38");
        // 2.675 is stored as 2.67499999...; 1.005 as 1.00499999...; 0.135 as 0.13500000000000000888...
        assertThat(Decimals.twoDecimals(2.675)).isEqualTo("2.67");
        assertThat(Decimals.twoDecimals(1.005)).isEqualTo("1.00");
        assertThat(Decimals.twoDecimals(0.135)).isEqualTo("0.14");
        assertThat(Decimals.twoDecimals(0.72)).isEqualTo("0.72");
        assertThat(Decimals.twoDecimals(3.0)).isEqualTo("3.00");
        // String.format rounds the decimal expansion half-up, which is what we must not do.
        assertThat(String.format(Locale.ROOT, "%.2f", 0.125)).isEqualTo("0.13");
    }

    @Test
    void signedFormatAddsPlusForNonNegativeValues() {
        assertThat(Decimals.signedTwoDecimals(0.82)).isEqualTo("+0.82");
        assertThat(Decimals.signedTwoDecimals(0.0)).isEqualTo("+0.00");
        assertThat(Decimals.signedTwoDecimals(-0.125)).isEqualTo("-0.12");
        assertThat(Decimals.twoDecimals(-0.001)).isEqualTo("-0.00");
        assertThat(Decimals.twoDecimals(Double.NaN)).isEqualTo("nan");
        assertThat(Decimals.signedTwoDecimals(Double.POSITIVE_INFINITY)).isEqualTo("+inf");
    }

    @Test
    void formatsExactlyAsTheBigDecimalReferenceOnEdgeValues() {
        List<Double> values = new ArrayList<>();
        // Every x.xx5 and x.xxx up to ±30 (most x.xx5 are not exact in binary: 2.675 is below, 0.135 above the tie),
        // and the doubles right next to each of them.
        for (int k = -30_000; k <= 30_000; k++) {
            double x = k / 1000.0;
            values.add(x);
            values.add(Math.nextUp(x));
            values.add(Math.nextDown(x));
        }
        // Exact binary ties (k/8), which round to the even cent.
        for (int k = -10_000; k <= 10_000; k++) {
            values.add(k / 8.0);
            values.add(k / 8.0 + 1e6);
        }
        values.addAll(List.of(0.0, -0.0, 0.005, -0.005, 0.015, 0.025, 0.125, 0.375, 2.675, 1.005, 0.135,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 0.004999999999999999,
                0.0049999999999999999, 0.00500000000000001, 99.995, 99.985, 1e15 + 0.125, 1e15 + 0.375,
                Math.pow(2, 52), Math.pow(2, 52) + 0.5, Math.pow(2, 53), Math.nextDown(Math.pow(2, 56)),
                Math.pow(2, 56), Math.nextUp(Math.pow(2, 56)), Math.pow(2, 63), -Math.pow(2, 63), 1e17, 1e20, 1e22,
                1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
        for (int e = -1074; e <= 1023; e++) {
            double power = Math.scalb(1.0, e);
            values.add(power);
            values.add(-power);
            values.add(Math.nextUp(power));
            values.add(Math.nextDown(power));
        }

        for (double x : values) {
            assertFormatsAsReference(x);
        }
    }

    @Test
    void formatsExactlyAsTheBigDecimalReferenceOnRandomValues() {
        SplittableRandom random = new SplittableRandom(20_261_127L);
        for (int i = 0; i < 100_000; i++) {
            assertFormatsAsReference(random.nextDouble(-2.0, 2.0));
            // Four-decimal values, as the simulation produces, and their neighbours.
            double rounded = Math.round(random.nextDouble(-1000.0, 1000.0) * 10_000) / 10_000.0;
            assertFormatsAsReference(rounded);
            assertFormatsAsReference(Math.nextUp(rounded));
            // Any bit pattern: every exponent, subnormals, NaN payloads, infinities.
            assertFormatsAsReference(Double.longBitsToDouble(random.nextLong()));
            // Magnitudes from 1e-6 to 1e18, both signs.
            assertFormatsAsReference(Math.copySign(Math.pow(10, random.nextDouble(-6, 18)), random.nextInt(2) - 0.5));
        }
    }

    private static void assertFormatsAsReference(double x) {
        String expected = ReferenceDecimals.twoDecimals(x);
        if (expected.equals(Decimals.twoDecimals(x))
                && ReferenceDecimals.signedTwoDecimals(x).equals(Decimals.signedTwoDecimals(x))
                && ("<" + expected).equals(Decimals.appendTwoDecimals(new StringBuilder("<"), x).toString())) {
            return; // the fast way through a million values; AssertJ below says what differs
        }
        assertThat(Decimals.twoDecimals(x)).as("twoDecimals(%s)", x).isEqualTo(ReferenceDecimals.twoDecimals(x));
        assertThat(Decimals.signedTwoDecimals(x)).as("signedTwoDecimals(%s)", x)
                .isEqualTo(ReferenceDecimals.signedTwoDecimals(x));
        assertThat(Decimals.appendTwoDecimals(new StringBuilder("<"), x).toString()).as("appendTwoDecimals(%s)", x)
                .isEqualTo("<" + ReferenceDecimals.twoDecimals(x));
    }
}
