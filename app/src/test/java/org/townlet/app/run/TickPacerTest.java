package org.townlet.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pacer's schedule: never ahead of the rate, less than a quantum behind it, and one wake-up per quantum. */
class TickPacerTest {
    private static final long QUANTUM = TickPacer.QUANTUM_NANOS;

    private static TickPacer begun(double ticksPerSecond) {
        TickPacer pacer = new TickPacer(ticksPerSecond);
        pacer.begin();
        return pacer;
    }

    @Test
    void aTickStartsNoEarlierThanItIsDueAndLessThanAQuantumLater() {
        for (double rate : new double[] {1, 50, 300, 400, 1_000, 3_333, 5_000, 20_000}) {
            TickPacer pacer = begun(rate);
            long start = pacer.dueAfter(0);
            for (long completed = 1; completed <= 20_000; completed++) {
                long due = (long) (completed * 1e9 / rate);
                long starts = pacer.dueAfter(completed) - start;
                assertThat(starts).as("rate %s, tick %d", rate, completed + 1)
                        .isGreaterThanOrEqualTo(due)
                        .isLessThan(due + QUANTUM);
                assertThat(starts % QUANTUM).as("rate %s, tick %d: on a quantum boundary", rate, completed + 1)
                        .isZero();
            }
        }
    }

    @Test
    void atFiveThousandTicksASecondFiveTicksShareEachWakeUp() {
        TickPacer pacer = begun(5_000);
        long start = pacer.dueAfter(0);

        // ticks 2 to 6 are due 0.2 to 1.0 ms after the start: all at the end of the first millisecond
        for (long completed = 1; completed <= 5; completed++) {
            assertThat(pacer.dueAfter(completed) - start).isEqualTo(QUANTUM);
        }
        assertThat(pacer.dueAfter(6) - start).isEqualTo(2 * QUANTUM);
        assertThat(pacer.dueAfter(5_000) - start).isEqualTo(1_000 * QUANTUM);
    }

    @Test
    void slowRatesKeepTheirOwnSchedule() {
        TickPacer pacer = begun(50);
        long start = pacer.dueAfter(0);

        assertThat(pacer.dueAfter(1) - start).isEqualTo(20 * QUANTUM);
        assertThat(pacer.dueAfter(7) - start).isEqualTo(140 * QUANTUM);
    }

    @Test
    void aPacedRunIsNeverFasterThanItsRate() throws InterruptedException {
        long started = System.nanoTime();
        TickPacer pacer = begun(5_000);
        for (long completed = 1; completed <= 25; completed++) {
            pacer.awaitNext(completed);
        }

        // 25 ticks after the first at 5,000 ticks/s: 5 ms at the least, however slow the machine
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(5 * QUANTUM);
    }

    @Test
    void unpacedNeverWaits() {
        TickPacer pacer = begun(0);

        // paced at any rate, a trillion ticks would be due years from now; unpaced, the call returns at once
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pacer.awaitNext(1_000_000_000_000L));
    }
}
