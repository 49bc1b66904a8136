package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The writer's cache of double texts ({@link DoubleTextCache}) changes no byte: a value written again, a value whose
 * slot another value took, 0.0 after -0.0 and the reverse, texts too long to remember, all come out as Jackson's fast
 * writer writes them; and a NaN (whose bits mark an empty slot) is never taken for a remembered number.
 */
class DoubleTextCacheTest {
    private final Utf8JsonWriter writer = new Utf8JsonWriter(64);

    private String write(double value) {
        writer.reset();
        writer.writeDouble(value);
        return new String(writer.toByteArray(), StandardCharsets.US_ASCII);
    }

    private static String jackson(double value) {
        return NumberOutput.toString(value, true);
    }

    @Test
    void theSameValueManyTimesKeepsItsText() {
        double[] values = {0.0009000000000000001, 0.5, 1.0, 42.0, -3.25, 1.0E7, 1.0E-5, 0.1 + 0.2, 123_456.789};
        for (int round = 0; round < 1_000; round++) {
            for (double value : values) {
                assertThat(write(value)).isEqualTo(jackson(value));
            }
        }
    }

    @Test
    void zeroAndNegativeZeroKeepTheirOwnTexts() {
        for (int round = 0; round < 100; round++) {
            assertThat(write(0.0)).isEqualTo("0.0");
            assertThat(write(-0.0)).isEqualTo("-0.0");
            assertThat(write(-0.0)).isEqualTo("-0.0");
            assertThat(write(0.0)).isEqualTo("0.0");
        }
    }

    @Test
    void valuesSharingASlotReplaceEachOtherWithoutMixingTexts() {
        List<Double> colliding = sameSlotAs(0.75, 8);
        assertThat(colliding).hasSize(8);
        for (int round = 0; round < 50; round++) {
            for (double value : colliding) {
                assertThat(write(value)).isEqualTo(jackson(value));
                assertThat(write(value)).isEqualTo(jackson(value));
            }
        }
    }

    @Test
    void textsTooLongToRememberAreWrittenInFullEveryTime() {
        double longest = -1.2345678901234567E-300;
        assertThat(jackson(longest)).hasSize(24);
        double longButRemembered = 1.2345678901234567E-300;
        assertThat(jackson(longButRemembered)).hasSize(DoubleTextCache.MAX_LENGTH);
        for (int round = 0; round < 10; round++) {
            assertThat(write(longest)).isEqualTo(jackson(longest));
            assertThat(write(longButRemembered)).isEqualTo(jackson(longButRemembered));
        }
    }

    @Test
    void nanIsNeverTakenForARememberedNumber() {
        // a fresh writer: every slot holds the empty marker, the bits of the canonical NaN
        assertThat(write(Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(write(Double.longBitsToDouble(0x7FF0_0000_0000_0001L))).isEqualTo("\"NaN\"");
        assertThat(write(Double.longBitsToDouble(0xFFF8_0000_0000_0000L))).isEqualTo("\"NaN\"");
        assertThat(write(Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
        assertThat(write(Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        assertThat(write(1.5)).isEqualTo("1.5");
        assertThat(write(Double.NaN)).isEqualTo("\"NaN\"");
    }

    @Test
    void aStreamOfRepeatedAndFreshValuesMatchesJacksonAtEveryBufferPosition() {
        SplittableRandom random = new SplittableRandom(20_260_214);
        double[] pool = new double[3_000];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = switch (i % 5) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextInt(-1_000, 1_000);
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 12));
                case 3 -> -random.nextDouble();
                default -> random.nextInt(100) * 0.0001;
            };
        }
        Utf8JsonWriter list = new Utf8JsonWriter(64);
        for (int document = 0; document < 20; document++) {
            list.reset();
            StringBuilder expected = new StringBuilder();
            // an odd number of bytes before each double, so the copies land at every offset modulo 8
            for (int i = 0; i < 2_000; i++) {
                double value = pool[random.nextInt(pool.length)];
                list.writeByte(i % 2 == 0 ? ',' : ' ');
                list.writeDouble(value);
                expected.append(i % 2 == 0 ? ',' : ' ').append(Double.isFinite(value) ? jackson(value)
                        : '"' + jackson(value) + '"');
            }
            assertThat(new String(list.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        }
    }

    /** {@code count} doubles (first {@code seed}) whose bits map to the same slot. */
    private static List<Double> sameSlotAs(double seed, int count) {
        int slot = DoubleTextCache.slotOf(Double.doubleToRawLongBits(seed));
        List<Double> found = new ArrayList<>(List.of(seed));
        SplittableRandom random = new SplittableRandom(7);
        while (found.size() < count) {
            double candidate = random.nextInt(1_000_000) / 1_000.0;
            if (DoubleTextCache.slotOf(Double.doubleToRawLongBits(candidate)) == slot && !found.contains(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }
}
