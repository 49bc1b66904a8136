package org.townlet.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** What bench says of a round's contention: the JSON keeps every figure, the progress line only what is there. */
class ContentionTest {
    private static BenchResult.Contention withSteal(OptionalDouble stealMs) {
        return new BenchResult.Contention(3.0, 7.0, 2, OptionalDouble.of(40.0), OptionalDouble.of(80.0),
                OptionalDouble.of(20.0), stealMs);
    }

    @Test
    void stealIsNamedOnTheLineOnlyWhenTheHostTookAny() {
        assertThat(withSteal(OptionalDouble.of(30.0)).describe())
                .endsWith("; the hypervisor withheld 30 ms of CPU from this machine's cores");
        assertThat(withSteal(OptionalDouble.of(0.0)).describe()).doesNotContain("hypervisor")
                .endsWith("worker 20.0 ms");
        assertThat(withSteal(OptionalDouble.empty()).describe()).doesNotContain("hypervisor");
    }

    @Test
    void theJsonHasStealWhereverTheOsReportsIt() {
        assertThat(withSteal(OptionalDouble.of(0.0)).toMap()).containsEntry("steal_ms", 0.0);
        assertThat(withSteal(OptionalDouble.empty()).toMap()).doesNotContainKey("steal_ms");
    }
}
