package org.townlet.telemetry.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {
    @Test
    void defaultsFollowTheSpecification() {
        WorkerSettings settings = WorkerSettings.DEFAULTS;

        assertThat(settings.maxBatchSize()).isEqualTo(32);
        assertThat(settings.maxBufferBytes()).isEqualTo(4_194_304L);
        assertThat(settings.maxBufferFrames()).isEqualTo(10_000);
        assertThat(settings.flushIntervalTicks()).isEqualTo(1);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.backpressure()).isEqualTo(BackpressureStrategy.DROP_OLDEST);
        assertThat(settings.blockTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.stopTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.retryMaxAttempts()).isEqualTo(3);
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.retryBackoffMax()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.restartLimit()).isEqualTo(3);
        assertThat(settings.restartWindow()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void builderAcceptsAnEightByteBuffer() {
        WorkerSettings settings = WorkerSettings.builder().maxBufferBytes(8).build();

        assertThat(settings.maxBufferBytes()).isEqualTo(8);
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
    }

    @Test
    void builderRejectsNonsenseWithExactMessages() {
        assertThatThrownBy(() -> WorkerSettings.builder().maxBatchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBatchSize must be >= 1; got 0");
        assertThatThrownBy(() -> WorkerSettings.builder().maxBufferBytes(-1).build())
                .hasMessage("maxBufferBytes must be >= 1; got -1");
        assertThatThrownBy(() -> WorkerSettings.builder().pollInterval(Duration.ZERO).build())
                .hasMessage("pollInterval must be > 0; got PT0S");
        assertThatThrownBy(() -> WorkerSettings.builder().retryMaxAttempts(-1).build())
                .hasMessage("retryMaxAttempts must be >= 0; got -1");
        assertThatThrownBy(() -> WorkerSettings.builder().stopTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("stopTimeout must be >= 0; got PT-1S");
        assertThatThrownBy(() -> WorkerSettings.builder()
                .retryBackoff(Duration.ofSeconds(2)).retryBackoffMax(Duration.ofSeconds(1)).build())
                .hasMessage("retryBackoffMax must be >= retryBackoff; got PT1S < PT2S");
        assertThatThrownBy(() -> WorkerSettings.builder().pollInterval(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("pollInterval");
    }
}
