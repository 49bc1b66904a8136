package org.townlet.telemetry.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.ConsoleResult;

class ConsoleResultLogTest {

    private static ConsoleResult result(String name, Long tick) {
        return ConsoleResult.ok(name, null, null, tick, 1L, Map.of());
    }

    @Test
    void consoleHistoryKeeps200() {
        ConsoleResultLog log = new ConsoleResultLog();

        for (int i = 1; i <= 205; i++) {
            log.record(result("cmd" + i, (long) i), i);
        }

        assertThat(log.history()).hasSize(200);
        assertThat(log.history().get(0).name()).isEqualTo("cmd6");
        assertThat(log.history().get(199).name()).isEqualTo("cmd205");
        assertThat(log.latest()).extracting(ConsoleResult::name).containsExactly("cmd205");
    }

    @Test
    void latestResultsAreThoseOfTheLastTickWithResults() {
        ConsoleResultLog log = new ConsoleResultLog();

        log.record(result("a", null), 3);
        log.record(result("b", 3L), 9);
        assertThat(log.latest()).extracting(ConsoleResult::name).containsExactly("a", "b");
        assertThat(log.latest().get(0).tick()).isEqualTo(3L);

        log.record(result("c", null), 4);
        assertThat(log.latest()).extracting(ConsoleResult::name).containsExactly("c");
        assertThat(log.history()).extracting(ConsoleResult::name).containsExactly("a", "b", "c");
    }
}
