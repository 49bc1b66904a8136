package org.townlet.telemetry.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.status.TransportStatus;

class PipelineCountersTest {
    @Test
    void startsAtTheInitialStatusWithConfiguredFlags() {
        PipelineCounters counters = new PipelineCounters("tcp", "block", true, true, false, true);

        TransportStatus expected = TransportStatus.initial("tcp", "block").toBuilder()
                .tlsEnabled(true).verifyHostname(true).allowPlaintext(false).authEnabled(true).build();
        assertThat(counters.toStatus()).isEqualTo(expected);
    }

    @Test
    void transformDropsCountInFramesDroppedOnly() {
        PipelineCounters counters = new PipelineCounters("stdout", "drop_oldest", false, false, false, false);

        counters.addTransformDrops(2);
        counters.addDropped(3);

        TransportStatus status = counters.toStatus();
        assertThat(status.droppedMessages()).isEqualTo(3);
        assertThat(status.framesDroppedTotal()).isEqualTo(5);
    }

    @Test
    void publisherCountersShowInTheStatus() {
        PipelineCounters counters = new PipelineCounters("stdout", "drop_oldest", false, false, false, false);

        // each call hands out the seq of the frame it counts: 0, then 1
        assertThat(counters.incrementFramesBuilt()).isZero();
        assertThat(counters.incrementFramesBuilt()).isEqualTo(1);
        counters.incrementKeyframes();
        counters.incrementIngestErrors();
        counters.incrementNonfiniteValues();

        TransportStatus status = counters.toStatus();
        assertThat(counters.framesBuilt()).isEqualTo(2);
        assertThat(status.framesBuiltTotal()).isEqualTo(2);
        assertThat(status.keyframesTotal()).isEqualTo(1);
        assertThat(status.ingestErrorsTotal()).isEqualTo(1);
        assertThat(status.nonfiniteValuesTotal()).isEqualTo(1);
    }

    @Test
    void queueLengthPeakIsMonotonic() {
        PipelineCounters counters = new PipelineCounters("stdout", "drop_oldest", false, false, false, false);

        counters.queueLength(5);
        counters.queueLength(2);

        assertThat(counters.toStatus().queueLength()).isEqualTo(2);
        assertThat(counters.toStatus().queueLengthPeak()).isEqualTo(5);
    }

    @Test
    void eachStatusIsAFreshRecord() {
        PipelineCounters counters = new PipelineCounters("stdout", "drop_oldest", false, false, false, false);
        TransportStatus before = counters.toStatus();

        counters.sendSucceeded(2, 20, 7);

        assertThat(before.payloadsSentTotal()).isZero();
        TransportStatus after = counters.toStatus();
        assertThat(after.payloadsSentTotal()).isEqualTo(2);
        assertThat(after.bytesSentTotal()).isEqualTo(20);
        assertThat(after.lastSuccessTick()).isEqualTo(7L);
        assertThat(after.connected()).isTrue();
    }
}
