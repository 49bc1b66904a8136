package org.townlet.telemetry.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleMode;
import org.townlet.telemetry.testing.LogCapture;

class ConsoleCommandBufferTest {

    @Test
    void keepsTheNewest50AndCountsAndWarnsEachDrop() {
        List<Long> droppedTotals = new ArrayList<>();
        ConsoleCommandBuffer buffer = new ConsoleCommandBuffer(droppedTotals::add, total -> { });
        List<String> names = IntStream.rangeClosed(1, 53).mapToObj(i -> "cmd" + i).toList();

        try (LogCapture log = LogCapture.of(ConsoleCommandBuffer.class)) {
            buffer.importItems(names);

            assertThat(log.warnings()).containsExactly(
                    "Console command buffer full (50); dropped the oldest command cmd1",
                    "Console command buffer full (50); dropped the oldest command cmd2",
                    "Console command buffer full (50); dropped the oldest command cmd3");
        }
        List<ConsoleCommand> drained = buffer.drain();
        assertThat(drained).hasSize(50);
        assertThat(drained.get(0).name()).isEqualTo("cmd4");
        assertThat(drained.get(49).name()).isEqualTo("cmd53");
        assertThat(buffer.droppedTotal()).isEqualTo(3);
        assertThat(droppedTotals).containsExactly(3L);
        assertThat(buffer.drain()).isEmpty();
    }

    @Test
    void invalidItemsAreSkippedWithTheExactWarningAndCounted() {
        List<Long> invalidTotals = new ArrayList<>();
        ConsoleCommandBuffer buffer = new ConsoleCommandBuffer(total -> { }, invalidTotals::add);

        try (LogCapture log = LogCapture.of(ConsoleCommandBuffer.class)) {
            buffer.importItems(List.of(" ", 42, Map.of("args", List.of()), Map.of("args", "notalist"), "help"));

            assertThat(log.warnings()).containsExactly(
                    "Ignoring invalid console command payload:  ",
                    "Ignoring invalid console command payload: 42",
                    "Ignoring invalid console command payload: {args=[]}",
                    "Ignoring invalid console command payload: {args=notalist}");
        }
        assertThat(buffer.drain()).extracting(ConsoleCommand::name).containsExactly("help");
        assertThat(buffer.invalidTotal()).isEqualTo(4);
        assertThat(invalidTotals).containsExactly(4L);
    }

    @Test
    void coercionFollowsTheSpec() {
        ConsoleCommand command = ConsoleCommandBuffer.coerce(Map.of("cmd", " possess ", "args", List.of("alice"),
                "kwargs", Map.of("force", true), "cmd_id", 7, "issuer", "ops", "mode", "ADMIN", "timestamp", 12,
                "metadata", Map.of("source", "cli")));

        assertThat(command.name()).isEqualTo("possess");
        assertThat(command.args()).containsExactly("alice");
        assertThat(command.kwargs()).containsEntry("force", true);
        assertThat(command.cmdId()).isEqualTo("7");
        assertThat(command.issuer()).isEqualTo("ops");
        assertThat(command.mode()).isEqualTo(ConsoleMode.ADMIN);
        assertThat(command.timestampMs()).isEqualTo(12L);
        assertThat(command.metadata()).containsEntry("source", "cli");
        assertThat(ConsoleCommandBuffer.coerce(Map.of("name", "x", "mode", "root")).mode())
                .isEqualTo(ConsoleMode.VIEWER);
        assertThat(ConsoleCommandBuffer.coerce(Map.of("name", "x", "timestamp_ms", 1.5)).timestampMs()).isNull();
        assertThat(ConsoleCommandBuffer.coerce(Map.of("name", "x", "args", "notalist"))).isNull();
    }

    @Test
    void importReplacesWhatIsPending() {
        ConsoleCommandBuffer buffer = new ConsoleCommandBuffer();
        buffer.importItems(List.of("a", "b"));

        buffer.importItems(List.of("c"));

        assertThat(buffer.pending()).extracting(ConsoleCommand::name).containsExactly("c");
    }
}
