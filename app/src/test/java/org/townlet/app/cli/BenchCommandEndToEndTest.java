package org.townlet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code townlet bench} (SPEC §19): its figures, its JSON and its exit codes; a tiny town keeps it quick. */
class BenchCommandEndToEndTest {
    private static final List<String> KEYS = List.of("ticks_per_second_on", "ticks_per_second_off", "sink_share",
            "emit_p50_us", "emit_p99_us", "emit_p999_us", "frames_per_second", "bytes_per_second", "frames_dropped",
            "queue_peak", "alloc_bytes_per_frame", "tcp_vs_raw_ratio");

    @TempDir
    Path workDir;

    @Test
    void benchWritesEveryFigureAtTheTopLevelOfItsJson() throws Exception {
        Path json = workDir.resolve("bench.json");

        // no --warmup: warm-up rounds are then as long as the measured ones
        TownletProcess.Result result = TownletProcess.run(workDir, "bench", "--agents", "2", "--ticks", "200",
                "--warmup-seconds", "0", "--repeat", "1", "--json", json.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        for (String key : KEYS) {
            assertThat(figures.get(key)).as(key).isNotNull();
            assertThat(figures.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(figures.get("sink_share").asDouble()).isBetween(0.0, 1.0);
        assertThat(figures.get("tcp_vs_raw_ratio").asDouble()).isPositive();
        assertThat(figures.get("machine").get("available_processors").asInt()).isPositive();
        assertThat(figures.get("settings").get("agents").asInt()).isEqualTo(2);
        assertThat(figures.get("settings").get("warmup").asLong()).isEqualTo(200);
        // where the sink time went, by call: every tick ends with loop.health
        assertThat(figures.get("sink_calls").get("loop.health").get("calls_per_tick").asDouble()).isEqualTo(1.0);
        // where the pipeline's CPU went, per tick: the simulation and the worker always work, in both kinds of round
        for (String round : List.of("unpaced_on", "paced")) {
            JsonNode cpu = figures.get("thread_cpu_us_per_tick").get(round);
            assertThat(cpu.get("simulation").asDouble()).as(round).isPositive();
            assertThat(cpu.get("worker").asDouble()).as(round).isPositive();
            assertThat(cpu.get("deriver").isNumber()).as(round).isTrue();
        }
        JsonNode contention = figures.get("paced_round_contention");
        assertThat(contention.get("jit_ms").isNumber()).isTrue();
        assertThat(contention.get("gc_ms").asDouble()).isNotNegative();
        assertThat(contention.get("gc_collections").isIntegralNumber()).isTrue();
        if (Files.isReadable(Path.of("/proc/thread-self/schedstat"))) {
            assertThat(contention.get("runqueue_wait_ms").get("simulation").asDouble()).isNotNegative();
            assertThat(contention.get("runqueue_wait_ms").get("worker").isNumber()).isTrue();
        }
        if (Files.isReadable(Path.of("/proc/stat"))) {
            assertThat(contention.get("steal_ms").asDouble()).isNotNegative();
        }
        assertThat(result.stdout()).contains("sink_share").contains("targets (SPEC §20):")
                .contains("CPU per tick by thread").contains("during the paced round: the JIT compiled for");
        assertThat(result.stderr()).contains("bench: paced round");
        // the stub sink's notice of every "off" round (and unpaced drops) are expected: counted, not shown
        assertThat(result.stderr()).doesNotContain("telemetry_stub_active").contains("expected warnings not shown");
    }

    @Test
    void anUnknownTransportIsAUsageError() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "bench", "--transport", "kafka");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--transport: unknown transport 'kafka'; allowed: file, tcp-loopback,"
                + " stdout");
    }

    @Test
    void helpListsTheExitCodeOfAMissedTarget() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "bench", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("--enforce").contains("3    --enforce and a target was missed");
    }
}
