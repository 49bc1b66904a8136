package org.townlet.telemetry.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportStatusTest {
    private static TransportStatus status(long built, long sent, long dropped) {
        return TransportStatus.builder("file", "drop_oldest")
                .framesBuiltTotal(built)
                .payloadsSentTotal(sent)
                .framesDroppedTotal(dropped)
                .build();
    }

    @Test
    void framesAreSettledWhenEveryFrameBuiltIsSentOrDropped() {
        assertThat(TransportStatus.initial("file", "drop_oldest").allFramesSettled()).isTrue();
        assertThat(status(10, 6, 3).framesSettled()).isEqualTo(9);
        assertThat(status(10, 6, 3).allFramesSettled()).as("one frame still on its way").isFalse();
        assertThat(status(10, 6, 4).allFramesSettled()).isTrue();
    }
}
