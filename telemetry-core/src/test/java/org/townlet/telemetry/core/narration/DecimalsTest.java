package org.townlet.telemetry.core.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
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
}
