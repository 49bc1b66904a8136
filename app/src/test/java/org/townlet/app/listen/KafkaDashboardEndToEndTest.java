package org.townlet.app.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.app.testsupport.LoopbackPorts;

/**
 * {@code townlet listen --kafka … --http PORT} as a user drives it, each command in its own JVM on loopback:
 * {@code townlet broker}, two {@code townlet run --transport kafka} with different {@code --run-id}s, then the
 * listener's dashboard: {@code /digest.json} has one digest per run id, and headless Chromium (when installed, as
 * {@code .ci/run} makes sure) lists both runs and keeps a run chosen in the address across updates. So that no
 * frame is dropped on a busy machine, the runs are paced, use {@code --backpressure block} and wait up to 30 s for
 * their last frames to be delivered.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaDashboardEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DASHBOARD = Pattern.compile("Dashboard on http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern TICK = Pattern.compile("id=\"tick\">(\\d+)<");
    private static final int TICKS_A = 120;
    private static final int TICKS_B = 60;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theDashboardShowsOneDigestPerRunIdAndThePageOffersEveryRun() throws Exception {
        int port = LoopbackPorts.freePair();
        String bootstrap = "127.0.0.1:" + port;
        Process broker = townlet("broker", "broker", "--port", String.valueOf(port), "--data",
                dir.resolve("kafka-data").toString());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(broker.isAlive()).as("broker alive; stderr:%n%s", stderr("broker")).isTrue();
            return stderr("broker").contains("broker ready");
        });
        // The listener first, so that it sees run-a end before run-b begins: run-b is then the most recently active.
        Path summary = dir.resolve("summary.json");
        Process listen = townlet("listen", "listen", "--kafka", bootstrap, "--http", "0", "--summary-json",
                summary.toString());
        runToTheEnd("run-a", bootstrap, "1", TICKS_A);
        int http = await().atMost(WAIT).until(() -> dashboardPort("listen"), p -> p > 0);
        awaitFrames(http, "run-a", TICKS_A);
        runToTheEnd("run-b", bootstrap, "2", TICKS_B);
        awaitFrames(http, "run-b", TICKS_B);

        JsonNode update = update(http);
        assertThat(update.path("runs").findValuesAsText("run_id")).containsExactly("run-a", "run-b");
        assertThat(update.path("active_run").asText()).isEqualTo("run-b");
        JsonNode a = run(update, "run-a");
        JsonNode b = run(update, "run-b");
        assertThat(a.path("tick").asLong()).as("each run its own tick").isGreaterThan(b.path("tick").asLong());
        for (JsonNode digest : List.of(a, b)) {
            assertThat(digest.path("has_state").asBoolean()).as(digest.path("run_id").asText()).isTrue();
            assertThat(digest.path("listener").path("gaps").asLong()).as(digest.path("run_id").asText()).isZero();
            assertThat(digest.path("transport").path("payloads_sent_total").isNumber()).isTrue();
        }

        if (HeadlessChromium.executable() != null) {
            HeadlessChromium chromium = new HeadlessChromium(dir, processes);
            String page = chromium.dumpDom("default", "http://127.0.0.1:" + http + "/");
            assertThat(page).as("a selector with both runs")
                    .contains("<option value=\"run-a\">run-a</option>", "<option value=\"run-b\">run-b</option>")
                    .contains("<small id=\"run-count\" class=\"\">of 2</small>");
            assertThat(tick(page)).as("the most recently active run by default, not the first one listed")
                    .isEqualTo(b.path("tick").asLong());

            String chosen = chromium.dumpDom("chosen", "http://127.0.0.1:" + http + "/#run=run-a");
            assertThat(tick(chosen)).as("the run chosen in the address, after the updates of three seconds")
                    .isEqualTo(a.path("tick").asLong());
        }

        listen.destroy(); // SIGTERM: ends normally with the summary
        assertThat(listen.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(listen.exitValue()).as(stderr("listen")).isZero();
        JsonNode counts = JSON.readTree(summary.toFile());
        assertThat(counts.path("runs").size()).isEqualTo(2);
        assertThat(counts.path("frames").asLong()).isEqualTo(TICKS_A + TICKS_B);
        assertThat(counts.has("dashboard_updates_dropped")).isTrue();
    }

    @Test
    void aBusyHttpPortIsTheSameOneLineErrorAndExitCodeAsForTheTcpListener() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = String.valueOf(busy.getLocalPort());
            // Nothing listens on port 1: the dashboard is bound before Kafka is contacted.
            Process kafka = townlet("kafka", "listen", "--kafka", "127.0.0.1:1", "--http", port);
            Process tcp = townlet("tcp", "listen", "--port", "0", "--http", port);

            assertThat(kafka.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(tcp.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(tcp.exitValue()).isEqualTo(ListenRun.EXIT_RUNTIME_FAILURE);
            assertThat(kafka.exitValue()).isEqualTo(tcp.exitValue());
            List<String> lines = Files.readAllLines(dir.resolve("kafka.err"), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("townlet: error: cannot serve the dashboard on 127.0.0.1:" + port
                    + ": ");
            assertThat(lines).isEqualTo(Files.readAllLines(dir.resolve("tcp.err"), StandardCharsets.UTF_8));
        }
    }

    /**
     * One {@code townlet run --transport kafka}, paced, to the end; checks that it sent every frame. Its stop deadline
     * is long: the producer's first sends wait for the topic and the producer id, which on a busy machine can take
     * longer than the default 2 s after the last tick.
     */
    private void runToTheEnd(String runId, String bootstrap, String seed, int ticks) throws Exception {
        Path summary = dir.resolve(runId + ".json");
        Path config = Files.writeString(dir.resolve(runId + ".yaml"),
                "telemetry:\n  worker:\n    stop_timeout_seconds: 30\n");
        Process run = townlet(runId, "run", config.toString(), "--transport", "kafka", "--endpoint", bootstrap,
                "--seed", seed, "--run-id", runId, "--ticks", String.valueOf(ticks), "--tick-rate", "100",
                "--backpressure", "block", "--quiet", "--summary-json", summary.toString());
        assertThat(run.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) && run.exitValue() == 0)
                .as("%s exits 0; stderr:%n%s", runId, stderr(runId)).isTrue();
        assertThat(JSON.readTree(summary.toFile()).path("frames_sent").asLong())
                .as("%s's frames sent; stderr:%n%s", runId, stderr(runId)).isEqualTo(ticks);
    }

    private void awaitFrames(int http, String runId, int frames) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode current = update(http);
            assertThat(frames(current, runId)).as("%s in %s%nlisten's stderr:%n%s", runId, current,
                    stderr("listen")).isEqualTo(frames);
        });
    }

    private Process townlet(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.townlet.app.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        processes.add(process);
        return process;
    }

    private String stderr(String name) throws IOException {
        Path file = dir.resolve(name + ".err");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private int dashboardPort(String name) throws IOException {
        Matcher matcher = DASHBOARD.matcher(stderr(name));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static JsonNode update(int port) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/digest.json")
                .toURL().openConnection();
        try (InputStream in = connection.getInputStream()) {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            return JSON.readTree(in);
        } finally {
            connection.disconnect();
        }
    }

    private static JsonNode run(JsonNode update, String runId) {
        for (JsonNode digest : update.path("runs")) {
            if (digest.path("run_id").asText().equals(runId)) {
                return digest;
            }
        }
        return JSON.missingNode();
    }

    private static long frames(JsonNode update, String runId) {
        return run(update, runId).path("listener").path("frames").asLong(-1);
    }

    private static long tick(String dom) {
        Matcher matcher = TICK.matcher(dom);
        assertThat(matcher.find()).as("the tick in the page").isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
