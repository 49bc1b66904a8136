package org.townlet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.app.plugin.PluginJarBuilder;

/** The application as a user meets it: validate-config, plugins, summaries, interruption (child JVMs). */
class ApplicationEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void validateConfigExitCodes() throws Exception {
        Path good = workDir.resolve("poc_hybrid.yaml");
        Files.writeString(good, pocHybrid());
        Path bad = workDir.resolve("bad.yaml");
        Files.writeString(bad, pocHybrid().replace("    buffer:\n", "    buffr: {}\n    buffer:\n")
                .replace("max_buffer_bytes: 256000", "max_buffer_bytes: -1"));

        TownletProcess.Result ok = TownletProcess.run(workDir, "validate-config", "poc_hybrid.yaml");
        TownletProcess.Result failed = TownletProcess.run(workDir, "validate-config", "bad.yaml");
        TownletProcess.Result missing = TownletProcess.run(workDir, "validate-config", "nosuch.yaml");

        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        assertThat(ok.stdoutLines().get(0)).isEqualTo("OK: poc_hybrid.yaml (provider=stdout, transport=stdout)");
        assertThat(ok.stdout()).contains("    buffer:\n      max_batch_size: 32\n      max_buffer_bytes: 256000\n")
                .contains("  worker:\n    backpressure: drop_oldest\n");
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.stdout()).isEmpty();
        assertThat(failed.stderr().lines()).hasSize(2).allMatch(line -> line.startsWith("townlet: bad.yaml:"));
        assertThat(failed.stderr())
                .contains(": telemetry.transport.buffr: unknown key; allowed: [ack, allow_plaintext, buffer, ")
                .contains(": telemetry.transport.buffer.max_buffer_bytes: out of range; got -1; allowed: "
                        + "1024–16777216")
                .doesNotContain("\tat ");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().strip()).isEqualTo("townlet: nosuch.yaml: no such file");
    }

    @Test
    void customTransportPluginSelectableByName() throws Exception {
        PluginJarBuilder.capturePlugin(workDir, "plugins/capture.jar", "capture", "capture");
        Files.writeString(workDir.resolve("town.yaml"), """
                telemetry:
                  transport:
                    type: capture
                    capture:
                      path: captured.jsonl
                simulation:
                  ticks: 150
                """);

        TownletProcess.Result run = TownletProcess.run(workDir, "run", "town.yaml", "--summary-json", "summary.json");
        TownletProcess.Result validate = TownletProcess.run(workDir, "validate-config", "town.yaml", "--plugins",
                "plugins");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("transport=capture");
        List<String> frames = Files.readAllLines(workDir.resolve("captured.jsonl"));
        assertThat(frames).hasSize(150);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(JSON.readTree(frames.get(i)).get("seq").asLong()).isEqualTo(i);
        }
        JsonNode summary = JSON.readTree(workDir.resolve("summary.json").toFile());
        assertThat(summary.get("frames_sent").asLong()).isEqualTo(150);
        assertThat(summary.get("transport").get("provider").asText()).isEqualTo("capture");
        assertThat(run.stdoutLines()).singleElement().asString().startsWith("townlet: run complete: ticks=150 ");
        assertThat(validate.exitCode()).as(validate.stderr()).isZero();
        assertThat(validate.stdout()).startsWith("OK: town.yaml (provider=stdout, transport=capture)")
                .contains("    capture:\n      path: captured.jsonl\n");
    }

    @Test
    void duplicatePluginNamesFailAtStartNamingBothJars() throws Exception {
        PluginJarBuilder.capturePlugin(workDir, "plugins/capture-a.jar", "capture", "a");
        PluginJarBuilder.capturePlugin(workDir, "plugins/capture-b.jar", "capture", "b");

        TownletProcess.Result result = TownletProcess.run(workDir, "run", "--ticks", "5");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().strip().lines()).singleElement().asString()
                .startsWith("townlet: Duplicate telemetry transport 'capture': ")
                .contains("plugins/capture-a.jar").contains("plugins/capture-b.jar");
    }

    @Test
    void runSummaryReportsCounters() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "run", "--ticks", "150", "--file", "out.jsonl",
                "--summary-json", "out/summary.json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode summary = JSON.readTree(workDir.resolve("out/summary.json").toFile());
        assertThat(summary.fieldNames()).toIterable().containsExactly("ticks", "frames_produced", "frames_sent",
                "frames_dropped_total", "bytes_sent", "keyframes", "send_failures", "duration_s", "ticks_per_s",
                "transport");
        assertThat(summary.get("ticks").asLong()).isEqualTo(150);
        assertThat(summary.get("frames_produced").asLong()).isEqualTo(150);
        assertThat(summary.get("frames_sent").asLong()).isEqualTo(150);
        assertThat(summary.get("frames_dropped_total").asLong()).isZero();
        assertThat(summary.get("keyframes").asLong()).isEqualTo(2);
        assertThat(summary.get("bytes_sent").asLong()).isEqualTo(Files.size(workDir.resolve("out.jsonl")));
        assertThat(summary.get("transport").get("provider").asText()).isEqualTo("file");
        assertThat(summary.get("transport").get("frames_built_total").asLong()).isEqualTo(150);
        // With a transport other than stdout, the closing summary goes to stdout.
        assertThat(result.stdoutLines()).singleElement().asString()
                .startsWith("townlet: run complete: ticks=150 frames_produced=150 frames_sent=150 "
                        + "frames_dropped_total=0 ");
    }

    @Test
    void shutdownHookDrainsWithinDeadline() throws Exception {
        TownletProcess.Running running = TownletProcess.start(workDir, "run", "--ticks", "100000",
                "--summary-json", "summary.json");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.size(running.stdout()) > 200_000);

        long signalled = System.nanoTime();
        running.process().destroy(); // SIGTERM, as for Ctrl-C
        TownletProcess.Result result = running.await(30);
        double seconds = (System.nanoTime() - signalled) / 1e9;

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(130);
        assertThat(seconds).isLessThan(5.0);
        assertThat(result.stderr()).contains("townlet: run interrupted: ticks=");
        JsonNode summary = JSON.readTree(workDir.resolve("summary.json").toFile());
        long produced = summary.get("frames_produced").asLong();
        long dropped = summary.get("frames_dropped_total").asLong();
        Set<Long> written = new HashSet<>();
        for (String line : result.stdoutLines()) {
            written.add(JSON.readTree(line).get("seq").asLong());
        }
        assertThat(summary.get("ticks").asLong()).isLessThan(100_000);
        assertThat((long) written.size() + dropped).isEqualTo(produced);
        assertThat(result.stdoutLines()).hasSize(written.size());
    }

    @Test
    void endpointErrorsNameTheFlag() throws Exception {
        TownletProcess.Result noPort = TownletProcess.run(workDir, "run", "--endpoint", "nohost");
        TownletProcess.Result badPort = TownletProcess.run(workDir, "run", "--transport", "tcp", "--endpoint",
                "127.0.0.1:99999");

        assertThat(noPort.exitCode()).isEqualTo(2);
        assertThat(noPort.stderr().strip()).isEqualTo("townlet: --endpoint: expected host:port or [ipv6]:port; got "
                + "nohost; allowed: host:port or [ipv6]:port, port 1–65535");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.stderr().strip()).isEqualTo("townlet: --endpoint: port must be 1–65535; got "
                + "127.0.0.1:99999; allowed: host:port or [ipv6]:port, port 1–65535");
        assertThat(noPort.stdout() + badPort.stdout()).isEmpty();
    }

    @Test
    void tickRatePacesTheRun() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "run", "--ticks", "41", "--tick-rate", "100",
                "--transport", "none", "--quiet", "--summary-json", "summary.json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode summary = JSON.readTree(workDir.resolve("summary.json").toFile());
        assertThat(summary.get("ticks").asLong()).isEqualTo(41);
        assertThat(summary.get("duration_s").asDouble()).isGreaterThanOrEqualTo(0.39);
    }

    private static String pocHybrid() throws IOException {
        try (InputStream in = ApplicationEndToEndTest.class.getResourceAsStream("/config/poc_hybrid.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
