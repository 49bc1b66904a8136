package org.townlet.app.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code townlet listen} as a user runs it: a child JVM, signals and exit codes (SPEC §19). */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ListenProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process townlet(Path stdout, Path stderr, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.townlet.app.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        processes.add(process);
        return process;
    }

    @Test
    void sigtermEndsTheListenerNormallyWithTheSummaryWritten() throws Exception {
        Path out = dir.resolve("frames.jsonl");
        Path summary = dir.resolve("summary.json");
        Path stderr = dir.resolve("stderr.txt");
        Process listen = townlet(dir.resolve("stdout.txt"), stderr, "listen", "--port", "0", "--out", out.toString(),
                "--summary-json", summary.toString());
        int port = await().atMost(WAIT).until(() -> port(stderr), p -> p > 0);

        try (RawProducer producer = RawProducer.connect(port)) {
            producer.send("{\"ack_request\":true}", RawProducer.snapshot(0, 1), RawProducer.diff(1, 2));
            assertThat(producer.readLine()).isIn("{\"ack\":0}", "{\"ack\":1}");
        }
        await().atMost(WAIT).until(() -> Files.exists(out) && Files.readAllLines(out).size() == 2);
        listen.destroy(); // SIGTERM

        assertThat(listen.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(listen.exitValue()).as("a signal ends listen normally").isZero();
        assertThat(Files.readString(stderr)).contains("townlet listen: frames=2 ");
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = new ObjectMapper().readValue(summary.toFile(), Map.class);
        assertThat(counts).containsEntry("frames", 2).containsEntry("connections", 1).containsEntry("gaps", 0);
    }

    @Test
    void mistakesOnTheCommandLineAreOneLineAndExitTwo() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process listen = townlet(dir.resolve("stdout.txt"), stderr, "listen", "--port", "70000");

        assertThat(listen.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(listen.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(stderr, StandardCharsets.UTF_8))
                .containsExactly("townlet: --port: must be 1–65535 (0 for any free port); got 70000");
    }

    @Test
    void idleExitEndsTheListenerWithExitZero() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process listen = townlet(dir.resolve("stdout.txt"), stderr, "listen", "--port", "0", "--idle-exit", "0.3",
                "--quiet");

        assertThat(listen.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(listen.exitValue()).isZero();
        assertThat(Files.readString(stderr)).contains("townlet listen: frames=0 ");
    }

    private static int port(Path stderr) throws Exception {
        if (!Files.exists(stderr)) {
            return -1;
        }
        Matcher matcher = LISTENING.matcher(Files.readString(stderr));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
