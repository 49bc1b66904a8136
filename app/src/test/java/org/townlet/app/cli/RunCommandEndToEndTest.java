package org.townlet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void runStreamsOneFramePerTickOnStdoutAndNothingElse() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "run", "--ticks", "200");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<JsonNode> frames = parse(result.stdoutLines());
        assertThat(frames).hasSize(200);
        for (int i = 0; i < frames.size(); i++) {
            JsonNode frame = frames.get(i);
            assertThat(frame.get("schema_version").asText()).isEqualTo("0.9.9");
            assertThat(frame.get("seq").asLong()).isEqualTo(i);
            assertThat(frame.get("tick").asLong()).isEqualTo(i + 1);
            assertThat(frame.get("payload_type").asText()).isIn("snapshot", "diff");
        }
        assertThat(frames.get(0).get("payload_type").asText()).isEqualTo("snapshot");
        assertThat(frames.get(100).get("payload_type").asText()).isEqualTo("snapshot");
        assertThat(frames.get(1).get("payload_type").asText()).isEqualTo("diff");
        assertThat(result.stderr()).contains("run complete").contains("frames_dropped_total=0");
    }

    @Test
    void fileTransportAppendsFramesToTheFile() throws Exception {
        Path file = workDir.resolve("out/frames.jsonl");

        TownletProcess.Result first = TownletProcess.run(workDir, "run", "--ticks", "30", "--transport", "file",
                "--file", file.toString(), "--quiet");
        TownletProcess.Result second = TownletProcess.run(workDir, "run", "--ticks", "20", "--transport", "file",
                "--file", file.toString(), "--quiet");

        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(first.stdout()).isEmpty();
        List<JsonNode> frames = parse(Files.readAllLines(file));
        assertThat(frames).hasSize(50);
        assertThat(frames.get(30).get("seq").asLong()).isZero();
        assertThat(frames.get(30).get("payload_type").asText()).isEqualTo("snapshot");
    }

    @Test
    void unknownTransportExitsTwoWithOneLineListingKnownTransports() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "run", "--transport", "nosuch");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().strip().lines()).hasSize(1);
        assertThat(result.stderr())
                .contains("Unknown telemetry transport 'nosuch'")
                .contains("stdout")
                .contains("file")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void fileTransportWithoutFileIsAUsageError() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "run", "--transport", "file");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("townlet: --transport: telemetry.transport.file_path: required"
                + " for transport 'file'; allowed: a non-blank path (--file PATH)");
    }

    @Test
    void stubTransportRunsTheSimulationWithoutFrames() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "run", "--ticks", "50", "--transport", "none");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdoutLines()).singleElement().asString()
                .startsWith("townlet: run complete: ticks=50 frames_produced=0");
        assertThat(result.stderr()).contains("telemetry_stub_active");
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        TownletProcess.Result help = TownletProcess.run(workDir, "--help");
        TownletProcess.Result runHelp = TownletProcess.run(workDir, "run", "--help");
        TownletProcess.Result version = TownletProcess.run(workDir, "--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("run").contains("Exit codes");
        assertThat(runHelp.exitCode()).isZero();
        assertThat(runHelp.stdout()).contains("--ticks").contains("--transport").contains("--backpressure");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).contains("0.9.9");
    }

    @Test
    void badOptionValueIsAUsageError() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "run", "--ticks", "many");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--ticks").doesNotContain("\tat ");
    }

    private static List<JsonNode> parse(List<String> lines) throws Exception {
        List<JsonNode> frames = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            frames.add(node);
        }
        return frames;
    }
}
