package org.townlet.app.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.townlet.app.listen.RawProducer.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.townlet.app.listen.http.DashboardServer;
import org.townlet.telemetry.core.consume.LineOutcome;

/**
 * {@code listen --kafka} without a broker: records keyed by run id go to one consumer per run, and the dashboard shows
 * one digest per run, each with its own tick, frames and narrations.
 */
class KafkaRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DashboardServer dashboard = new DashboardServer("127.0.0.1", 0);

    @AfterEach
    void closeDashboard() {
        dashboard.close();
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String narratingDiff(long seq, long tick, String message) {
        return "{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":" + seq + ",\"tick\":" + tick
                + ",\"changes\":{\"narrations\":[{\"tick\":" + tick + ",\"category\":\"story\",\"message\":\""
                + message + "\",\"priority\":false}]}}";
    }

    private static JsonNode update(int port) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/digest.json")
                .toURL().openConnection();
        try (InputStream in = connection.getInputStream()) {
            return JSON.readTree(in);
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void twoRunIdsGiveTwoDigestsEachWithItsOwnTickFramesAndNarrations() throws Exception {
        dashboard.start();
        KafkaRuns runs = new KafkaRuns(1 << 20, dashboard);

        runs.accept(bytes("run-b"), bytes(snapshot(0, 10)));
        runs.accept(bytes("run-a"), bytes(snapshot(0, 1)));
        runs.accept(bytes("run-a"), bytes(narratingDiff(1, 2, "Alice opened the shop.")));
        runs.accept(bytes("run-b"), bytes(narratingDiff(1, 11, "Bob missed his shift.")));
        runs.accept(bytes("run-a"), bytes(narratingDiff(2, 3, "Alice sold bread.")));
        LineOutcome repeated = runs.accept(bytes("run-a"), bytes(narratingDiff(2, 3, "Alice sold bread.")));
        runs.accept(null, bytes("not json"));

        assertThat(repeated.kind()).as("the same seq again is a duplicate of that run")
                .isEqualTo(LineOutcome.Kind.DUPLICATE);
        assertThat(runs.records()).isEqualTo(7);
        assertThat(runs.consumers()).containsOnlyKeys("run-a", "run-b", KafkaRuns.NO_KEY);
        assertThat(runs.consumers().get("run-a").counters().duplicates()).isEqualTo(1);
        assertThat(runs.consumers().get("run-b").counters().duplicates()).isZero();

        int port = dashboard.port();
        await().atMost(WAIT).until(() -> update(port).path("runs").size() == 3);
        JsonNode update = update(port);
        assertThat(update.path("runs").findValuesAsText("run_id")).as("ordered by run id")
                .containsExactly(KafkaRuns.NO_KEY, "run-a", "run-b");
        assertThat(update.path("active_run").asText()).as("the run whose frame was applied last").isEqualTo("run-a");

        JsonNode a = update.path("runs").path(1);
        assertThat(a.path("tick").asLong()).isEqualTo(3);
        assertThat(a.path("seq").asLong()).isEqualTo(2);
        assertThat(a.path("listener").path("frames").asLong()).isEqualTo(3);
        assertThat(a.path("listener").path("duplicates").asLong()).isEqualTo(1);
        assertThat(a.path("listener").has("connections")).as("Kafka has no connections to count").isFalse();
        assertThat(a.path("narrations").findValuesAsText("message"))
                .containsExactly("Alice sold bread.", "Alice opened the shop.");

        JsonNode b = update.path("runs").path(2);
        assertThat(b.path("tick").asLong()).isEqualTo(11);
        assertThat(b.path("listener").path("frames").asLong()).isEqualTo(2);
        assertThat(b.path("listener").path("duplicates").asLong()).isZero();
        assertThat(b.path("narrations").findValuesAsText("message")).containsExactly("Bob missed his shift.");

        JsonNode unkeyed = update.path("runs").path(0);
        assertThat(unkeyed.path("tick").isNull()).isTrue();
        assertThat(unkeyed.path("listener").path("malformed").asLong()).isEqualTo(1);
        assertThat(unkeyed.path("last_frame_age_ms").isNull()).as("no frame applied").isTrue();
    }

    @Test
    void theActiveRunFollowsTheLastAppliedFrameAndEachRunKeepsItsOwnSeries() throws Exception {
        dashboard.start();
        KafkaRuns runs = new KafkaRuns(1 << 20, dashboard);
        int port = dashboard.port();
        runs.accept(bytes("run-a"), bytes(snapshot(0, 1)));
        await().atMost(WAIT).until(() -> "run-a".equals(update(port).path("active_run").asText()));

        runs.accept(bytes("run-b"), bytes(snapshot(0, 7)));

        await().atMost(WAIT).until(() -> "run-b".equals(update(port).path("active_run").asText()));
        JsonNode update = update(port);
        assertThat(update.path("runs").findValuesAsText("run_id")).containsExactly("run-a", "run-b");
        JsonNode seriesA = update.path("runs").path(0).path("series").path("ticks_per_s");
        JsonNode seriesB = update.path("runs").path(1).path("series").path("ticks_per_s");
        assertThat(seriesA.size()).as("run-a has been charted longer").isGreaterThan(seriesB.size());
    }

    @Test
    void withoutADashboardRunsAreStillKeptApart() {
        KafkaRuns runs = new KafkaRuns(1 << 20, null);

        runs.accept(bytes("x"), bytes(snapshot(0, 1)));
        runs.accept(bytes("y"), bytes(snapshot(0, 1)));
        runs.accept(bytes("x"), bytes(RawProducer.diff(2, 3)));

        assertThat(runs.consumers().get("x").counters().gaps()).isEqualTo(1);
        assertThat(runs.consumers().get("y").counters().gaps()).isZero();
    }
}
