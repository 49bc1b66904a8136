package org.townlet.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeTest {

    @Test
    void clockStandsStillUntilAdvanced() {
        ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(clock.advance(Duration.ofMillis(1500))).isEqualTo(Instant.parse("2025-01-01T00:00:01.500Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2025-01-01T00:00:01.500Z").toEpochMilli());
    }

    @Test
    void clockRejectsNegativeAdvanceButCanBeSet() {
        ManualClock clock = new ManualClock();

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must not be negative; got PT-1S");
        clock.set(Instant.EPOCH);
        assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void zonedCopySharesTheInstant() {
        ManualClock clock = new ManualClock();
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofMinutes(5));

        assertThat(paris.instant()).isEqualTo(clock.instant());
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void concurrentAdvancesAreNotLost() throws Exception {
        ManualClock clock = new ManualClock(Instant.EPOCH);
        ManualTicker ticker = new ManualTicker();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    clock.advance(Duration.ofMillis(1));
                    ticker.advanceNanos(1);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(clock.instant()).isEqualTo(Instant.EPOCH.plusMillis(4000));
        assertThat(ticker.read()).isEqualTo(4000);
    }

    @Test
    void tickerReadsNanoseconds() {
        ManualTicker ticker = new ManualTicker(100);

        assertThat(ticker.advance(Duration.ofMillis(2))).isEqualTo(2_000_100L);
        assertThat(ticker.read()).isEqualTo(2_000_100L);
        assertThat(ticker.getAsLong()).isEqualTo(2_000_100L);
        assertThatThrownBy(() -> ticker.advanceNanos(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
