package org.townlet.telemetry.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first check of a counter is over any bound; every other check has the bound itself. */
class BoundCheckTest {
    @Test
    void theFirstCheckIsOverAnyBacklog() {
        assertThat(BoundCheck.limitAt(64, 64, 1_024)).isEqualTo(-1);
        assertThat(BoundCheck.limitAt(0, 0, 0)).isEqualTo(-1);
        assertThat(BoundCheck.limitAt(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1)).isEqualTo(-1);
    }

    @Test
    void everyOtherCheckHasTheBound() {
        for (long count : new long[] {0, 63, 65, 128, 1L << 40, Long.MAX_VALUE}) {
            assertThat(BoundCheck.limitAt(count, 64, 1_024)).as("count %d", count).isEqualTo(1_024);
        }
        assertThat(BoundCheck.limitAt(128, 64, 0)).isZero();
    }
}
