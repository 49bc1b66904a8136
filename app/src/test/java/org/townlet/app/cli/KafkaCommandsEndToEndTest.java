package org.townlet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.app.testsupport.LoopbackPorts;

/**
 * The Kafka path as a user drives it (issue 8): {@code townlet broker}, two concurrent {@code townlet run --transport
 * kafka --run-id …} and {@code townlet listen --kafka … --summary-json … --idle-exit …}, each in its own JVM, on
 * loopback. Checks the wiring of the three commands (run ids as record keys, one consumer state per run, the summary's
 * {@code runs}), with the runs' defaults: unpaced, so they block rather than drop when the machine is busy, and
 * connected (topic metadata fetched) before their first tick.
 */
class KafkaCommandsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TICKS = 150;

    @TempDir
    Path workDir;

    @Test
    void brokerRunsAndListenAgreeOnEveryRunsFrames() throws Exception {
        int port = LoopbackPorts.freePair();
        String bootstrap = "127.0.0.1:" + port;
        TownletProcess.Running broker = TownletProcess.start(workDir, "broker", "--port", String.valueOf(port),
                "--data", workDir.resolve("kafka-data").toString());
        List<TownletProcess.Running> started = new ArrayList<>();
        try {
            awaitReady(broker);

            TownletProcess.Running first = TownletProcess.start(workDir, "run", "--transport", "kafka",
                    "--endpoint", bootstrap, "--seed", "1", "--run-id", "run-a", "--ticks", String.valueOf(TICKS),
                    "--quiet");
            TownletProcess.Running second = TownletProcess.start(workDir, "run", "--transport", "kafka",
                    "--endpoint", bootstrap, "--seed", "2", "--run-id", "run-b", "--ticks", String.valueOf(TICKS),
                    "--quiet");
            started.add(first);
            started.add(second);
            TownletProcess.Result firstResult = first.await(120);
            TownletProcess.Result secondResult = second.await(120);
            assertThat(firstResult.exitCode()).as(firstResult.stderr()).isZero();
            assertThat(secondResult.exitCode()).as(secondResult.stderr()).isZero();

            Path summary = workDir.resolve("summary.json");
            TownletProcess.Result listen = TownletProcess.run(workDir, "listen", "--kafka", bootstrap,
                    "--summary-json", summary.toString(), "--idle-exit", "10");

            assertThat(listen.exitCode()).as(listen.stderr()).isZero();
            JsonNode runs = JSON.readTree(summary.toFile()).get("runs");
            assertThat(runs.size()).as(runs.toString()).isEqualTo(2);
            for (String run : new String[] {"run-a", "run-b"}) {
                JsonNode counts = runs.get(run);
                assertThat(counts).as(run + " in " + runs).isNotNull();
                assertThat(counts.get("frames").asLong()).as(run).isEqualTo(TICKS);
                assertThat(counts.get("gaps").asLong()).as(run).isZero();
                assertThat(counts.get("duplicates").asLong()).as(run).isZero();
            }
            assertThat(JSON.readTree(summary.toFile()).get("frames").asLong()).isEqualTo(2L * TICKS);
        } finally {
            // A run still going after a failed assertion must not outlive the test.
            started.forEach(run -> run.process().destroyForcibly());
            // SIGTERM: the broker stops cleanly and exits 0.
            broker.process().destroy();
            assertThat(broker.process().waitFor(30, TimeUnit.SECONDS)).as("broker stopped").isTrue();
        }
        assertThat(broker.process().exitValue()).as(broker.stderrText()).isZero();
        assertThat(broker.stderrText()).contains("broker stopping");

        // Its data stays: a second start on the same directory serves again (no new cluster id).
        TownletProcess.Running again = TownletProcess.start(workDir, "broker", "--port", String.valueOf(port),
                "--data", workDir.resolve("kafka-data").toString());
        try {
            awaitReady(again);
        } finally {
            again.process().destroy();
            assertThat(again.process().waitFor(30, TimeUnit.SECONDS)).as("broker stopped").isTrue();
        }
        assertThat(again.process().exitValue()).as(again.stderrText()).isZero();
    }

    @Test
    void brokerRejectsAPortWithoutRoomForItsController() throws Exception {
        TownletProcess.Result result = TownletProcess.run(workDir, "broker", "--port", "65535", "--data",
                workDir.resolve("unused").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--port").contains("65534").doesNotContain("Exception");
    }

    /** Until the broker says it serves clients (it is another JVM: its stderr is all there is to watch). */
    private static void awaitReady(TownletProcess.Running broker) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(broker.process().isAlive()).as("broker alive; stderr:%n%s", broker.stderrText()).isTrue();
            return broker.stderrText().contains("broker ready");
        });
    }
}
