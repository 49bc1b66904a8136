package org.townlet.app.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.townlet.app.listen.RawProducer.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code townlet listen --http}: the dashboard's page, digest and event stream, and, end to end, headless Chromium
 * (Debian's {@code chromium}, which {@code .ci/run} installs) showing a live run. Loopback, ephemeral ports.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ListenDashboardTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TICK = Pattern.compile("id=\"tick\">(\\d+)<");
    private static final Pattern NARRATION = Pattern.compile("class=\"m\">([^<]+)<");
    private static final Pattern PAYLOADS_SENT = Pattern.compile("data-key=\"payloads_sent_total\">(\\d+)<");
    /** The artefact CI keeps. */
    private static final Path SCREENSHOT = Path.of("target", "dashboard-screenshot.png").toAbsolutePath();

    @TempDir
    Path dir;

    private final List<ListenRun> runs = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        for (ListenRun run : runs) {
            run.requestStop();
            run.finish();
        }
    }

    private ListenRun startListener() {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        ListenRun run = new ListenRun(ListenSettings.builder().port(0).http(0).quiet(true).build(), sink, sink);
        runs.add(run);
        run.start();
        return run;
    }

    private static String get(int port, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        try (InputStream in = connection.getInputStream()) {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    private static JsonNode digest(int port) throws IOException {
        return JSON.readTree(get(port, "/digest.json")).path("runs").path(0);
    }

    private static String narratingDiff(long seq, long tick, String message) {
        return "{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":" + seq + ",\"tick\":" + tick
                + ",\"changes\":{\"narrations\":[{\"tick\":" + tick + ",\"category\":\"story\",\"message\":\""
                + message + "\",\"priority\":false}],\"transport\":{\"connected\":true,\"queue_length\":2,"
                + "\"payloads_sent_total\":" + seq + "}}}";
    }

    @Test
    void servesThePageTheDigestAndTheEventStream() throws Exception {
        ListenRun listen = startListener();
        int http = listen.dashboardPort().orElseThrow();

        try (RawProducer producer = RawProducer.connect(listen.port())) {
            producer.send(snapshot(0, 1), narratingDiff(1, 2, "A new day <b>begins</b>."), narratingDiff(2, 3,
                    "The stove is busy."));
            await().atMost(WAIT).until(() -> digest(http).path("tick").asLong() == 3);
        }

        JsonNode digest = digest(http);
        assertThat(digest.path("run_id").asText()).isEqualTo("tcp");
        assertThat(digest.path("narrations").findValuesAsText("message"))
                .as("narrations of earlier frames stay, newest first")
                .containsExactly("The stove is busy.", "A new day <b>begins</b>.");
        assertThat(digest.path("transport").path("payloads_sent_total").asLong()).isEqualTo(2);
        String page = get(http, "/");
        assertThat(page).contains("<script src=\"/dashboard.js\"></script>")
                .as("the latest update is in the page, with '<' escaped so it cannot end the script element")
                .contains("A new day \\u003cb>begins\\u003c/b>.").doesNotContain("<b>begins")
                .doesNotContain("http://", "https://");
        assertThat(get(http, "/dashboard.js")).contains("new EventSource(\"/events\")");
        assertThat(get(http, "/dashboard.css")).contains(".banner");

        HttpURLConnection events = (HttpURLConnection) URI.create("http://127.0.0.1:" + http + "/events").toURL()
                .openConnection();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(events.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(events.getContentType()).startsWith("text/event-stream");
            String line = reader.readLine();
            while (line != null && !line.startsWith("data: ")) {
                line = reader.readLine();
            }
            assertThat(line).isNotNull();
            JsonNode update = JSON.readTree(line.substring("data: ".length()));
            assertThat(update.path("client").path("dropped").asLong()).isZero();
            assertThat(update.path("runs").path(0).path("tick").asLong()).isEqualTo(3);
        } finally {
            events.disconnect();
        }
    }

    @Test
    void headlessChromiumShowsTheLiveRunWithTickNarrationAndTransportCounters() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.executable() != null,
                "chromium is not installed (.ci/run installs it)");
        ListenRun listen = startListener();
        int http = listen.dashboardPort().orElseThrow();
        townlet("run", "--transport", "tcp", "--endpoint", "127.0.0.1:" + listen.port(), "--tick-rate", "100",
                "--ticks", "1000000");
        await().atMost(WAIT).until(() -> digest(http).path("narrations_seen").asLong() > 0
                && digest(http).path("transport").path("payloads_sent_total").asLong() > 0);

        String first = dumpDom(http, "first");
        long firstTick = number(TICK, first);
        assertThat(firstTick).as("the tick is shown").isPositive();
        assertThat(NARRATION.matcher(first).find()).as("a narration is shown").isTrue();
        assertThat(number(PAYLOADS_SENT, first)).as("the transport counters are shown").isPositive();
        assertThat(first).contains("data-key=\"queue_length\"", "data-key=\"send_failures_total\"",
                "data-key=\"frames_dropped_total\"");
        assertThat(first).as("one run: its id in the selector, no run count")
                .contains("<option value=\"tcp\">tcp</option>", "<small id=\"run-count\" class=\"hidden\">");

        await().atMost(WAIT).until(() -> digest(http).path("tick").asLong() > firstTick);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        new HeadlessChromium(dir, processes).run(dir.resolve("screenshot-profile"), "--window-size=1280,900",
                "--screenshot=" + SCREENSHOT, "http://127.0.0.1:" + http + "/");
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).isPositive();
        String second = dumpDom(http, "second");
        assertThat(number(TICK, second)).as("the tick advances").isGreaterThan(firstTick);
    }

    private String dumpDom(int http, String name) throws Exception {
        return new HeadlessChromium(dir, processes).dumpDom(name, "http://127.0.0.1:" + http + "/");
    }

    private static long number(Pattern pattern, String dom) {
        Matcher matcher = pattern.matcher(dom);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private void townlet(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.townlet.app.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("run.out").toFile()).redirectError(dir.resolve("run.err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        processes.add(process);
    }
}
