package org.townlet.telemetry.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.event.ConsoleError;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.testing.LogCapture;

class ConsoleAuditWriterTest {
    private static final Duration CLOSE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void writesOneJsonLinePerResultInOrder() throws IOException {
        Path file = dir.resolve("logs/audit.jsonl");
        ConsoleAuditWriter writer = new ConsoleAuditWriter(file, 16);
        writer.submit(ConsoleResult.ok("snapshot", "c1", "ops", 3L, 12L, Map.of("agents", 2)));
        writer.start();
        writer.submit(ConsoleResult.error("oops", "c2", null, 4L, null,
                ConsoleError.of("unknown_command", "unknown command 'oops'")));

        writer.close(CLOSE);

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "{\"name\":\"snapshot\",\"status\":\"ok\",\"cmd_id\":\"c1\",\"issuer\":\"ops\",\"tick\":3,"
                        + "\"latency_ms\":12,\"result\":{\"agents\":2}}",
                "{\"name\":\"oops\",\"status\":\"error\",\"cmd_id\":\"c2\",\"issuer\":null,\"tick\":4,"
                        + "\"latency_ms\":null,\"error\":{\"code\":\"unknown_command\","
                        + "\"message\":\"unknown command 'oops'\",\"details\":{}}}");
        assertThat(writer.writtenTotal()).isEqualTo(2);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread ->
                thread.getName().equals(ConsoleAuditWriter.THREAD_NAME) && thread.isAlive());
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() {
        ConsoleAuditWriter writer = new ConsoleAuditWriter(dir.resolve("audit.jsonl"), 2);
        try (LogCapture log = LogCapture.of(ConsoleAuditWriter.class)) {
            for (int i = 0; i < 5; i++) {
                writer.submit(ConsoleResult.ok("c" + i, null, null, 1L, null, null));
            }
            assertThat(log.warnings()).containsExactly("Console audit queue full; 1 results not audited");
        }
        assertThat(writer.droppedTotal()).isEqualTo(3);
        writer.start();
        writer.close(CLOSE);
        assertThat(writer.writtenTotal()).isEqualTo(2);
    }

    @Test
    void aWriteFailureIsLoggedAndCountedNeverThrown() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
        ConsoleAuditWriter writer = new ConsoleAuditWriter(blocker.resolve("audit.jsonl"), 4);
        writer.start();

        try (LogCapture log = LogCapture.of(ConsoleAuditWriter.class)) {
            writer.submit(ConsoleResult.ok("a", null, null, 1L, null, null));
            writer.close(CLOSE);

            assertThat(log.warnings()).singleElement().asString().startsWith("Console audit write failed: ");
        }
        assertThat(writer.failedTotal()).isEqualTo(1);
        assertThat(writer.writtenTotal()).isZero();
        assertThat(List.of(writer.droppedTotal())).containsExactly(0L);
    }
}
