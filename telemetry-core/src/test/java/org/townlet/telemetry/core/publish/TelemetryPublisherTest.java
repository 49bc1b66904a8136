package org.townlet.telemetry.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.townlet.telemetry.testing.FrameAssertions.assertThatFrames;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.TelemetryIngestException;
import org.townlet.telemetry.api.TelemetrySchema;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.encode.SnapshotDocumentBuilder;
import org.townlet.telemetry.core.worker.WorkerSettings;
import org.townlet.telemetry.testing.FrameStreamDecoder;
import org.townlet.telemetry.testing.LogCapture;
import org.townlet.telemetry.testing.ManualClock;
import org.townlet.telemetry.testing.RecordingTransport;

class TelemetryPublisherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PublisherSettings NO_DIFF = PublisherSettings.builder().diffEnabled(false).build();

    private final RecordingTransport transport = new RecordingTransport();
    private final List<TelemetryPublisher> publishers = new ArrayList<>();

    @AfterEach
    void stopPublishers() {
        publishers.forEach(TelemetryPublisher::stop);
    }

    private TelemetryPublisher publisher(PublisherSettings settings) {
        return publisher(settings, WorkerSettings.DEFAULTS.toBuilder().pollInterval(Duration.ofMillis(20)).build());
    }

    private TelemetryPublisher publisher(PublisherSettings settings, WorkerSettings workerSettings) {
        TelemetryPublisher publisher = TelemetryPublisher.builder()
                .settings(settings)
                .workerSettings(workerSettings)
                .transport("recording", context -> transport)
                .clock(new ManualClock())
                .seed(7)
                .build();
        publishers.add(publisher);
        publisher.start();
        return publisher;
    }

    private List<Map<String, Object>> frames() {
        return FrameStreamDecoder.toMaps(nodes());
    }

    private List<JsonNode> nodes() {
        return FrameStreamDecoder.decodeFrames(transport.frames());
    }

    private static void runTicks(TelemetryPublisher publisher, int from, int to) {
        for (int tick = from; tick <= to; tick++) {
            publisher.emitEvent(Events.tick(tick, 0));
            publisher.emitEvent(Events.health(tick));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    // ------------------------------------------------------------------ stream

    @Test
    void nonDiffModeEmitsOneSnapshotPerTick() {
        TelemetryPublisher publisher = publisher(NO_DIFF);

        publisher.emitEvent(Events.tick(1, 2));
        publisher.emitEvent(Events.health(1));
        publisher.stop();

        List<Map<String, Object>> frames = frames();
        assertThat(frames).hasSize(1);
        Map<String, Object> frame = frames.get(0);
        assertThat(frame).containsEntry("schema_version", TelemetrySchema.VERSION)
                .containsEntry("payload_type", "snapshot")
                .containsEntry("seq", 0)
                .containsEntry("tick", 1);
        assertThat(map(frame.get("queue_metrics")))
                .containsExactly(Map.entry("cooldown_events", 2), Map.entry("ghost_step_events", 0),
                        Map.entry("rotation_events", 0));
        assertThat(frame.get("relationship_updates")).isEqualTo(List.of());
    }

    @Test
    void nonDiffModeSendsASnapshotForEveryTick() {
        TelemetryPublisher publisher = publisher(NO_DIFF);

        runTicks(publisher, 1, 3);
        publisher.stop();

        assertThat(frames()).extracting(frame -> frame.get("payload_type"))
                .containsExactly("snapshot", "snapshot", "snapshot");
    }

    @Test
    void snapshotHoldsEverySectionInSpecOrderWithIdentityRedacted() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);

        runTicks(publisher, 1, 1);
        publisher.stop();

        List<String> expected = new ArrayList<>(SnapshotDocumentBuilder.SNAPSHOT_KEYS);
        expected.remove("policy_identity");
        assertThat(frames().get(0).keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void diffModeSendsSnapshotThenDiff() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);

        publisher.emitEvent(Events.tick(1, 0));
        publisher.emitEvent(Events.health(1));
        publisher.emitEvent(Events.tick(2, 1));
        publisher.emitEvent(Events.health(2));
        publisher.stop();

        List<Map<String, Object>> frames = frames();
        assertThat(frames).extracting(frame -> frame.get("payload_type")).containsExactly("snapshot", "diff");
        Map<String, Object> diff = frames.get(1);
        assertThat(diff.keySet()).startsWith("schema_version", "payload_type", "seq", "tick", "changes");
        assertThat(diff).containsEntry("seq", 1).containsEntry("tick", 2).doesNotContainKey("queue_metrics");
        Map<String, Object> changes = map(diff.get("changes"));
        assertThat(map(changes.get("queue_metrics"))).containsEntry("cooldown_events", 1);
        assertThat(changes).doesNotContainKeys("economy", "jobs", "utilities", "schema_version", "seq", "tick");
    }

    @Test
    void everyFrameCarriesEnvelope() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);

        runTicks(publisher, 1, 2);
        publisher.emitEvent(Events.tick(3, 0));
        publisher.emitEvent(Events.failure(3, "IllegalStateException: boom"));
        runTicks(publisher, 3, 4);
        publisher.emitEvent(Events.failure(5, "IllegalStateException: again"));
        publisher.stop();

        List<JsonNode> nodes = nodes();
        assertThat(nodes).hasSize(6);
        assertThatFrames(nodes).haveEnvelope().allHaveCurrentSchemaVersion().hasContiguousSeqFromZero()
                .startsWithSnapshot();
    }

    @Test
    void failureIsSentAsHealthDiff() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);
        runTicks(publisher, 1, 6);

        publisher.emitEvent(Events.failure(7, "RuntimeException: boom"));
        publisher.stop();

        List<Map<String, Object>> atTick7 = frames().stream().filter(frame -> frame.get("tick").equals(7)).toList();
        assertThat(atTick7).hasSize(1);
        Map<String, Object> frame = atTick7.get(0);
        assertThat(frame).containsEntry("payload_type", "diff").containsEntry("seq", 6);
        Map<String, Object> health = map(map(frame.get("changes")).get("health"));
        assertThat((String) health.get("error")).contains("boom");
        assertThat(health).containsEntry("status", "error").containsEntry("tick", 7)
                .containsEntry("failure_count", 1);
        assertThat(publisher.latestHealthStatus().status()).isEqualTo("error");
        assertThat(publisher.latestEvents()).extracting(WorldEvent::name).containsExactly("loop_failure");
    }

    @Test
    void seqIsContiguous() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);

        runTicks(publisher, 1, 10);
        publisher.emitEvent(Events.failure(11, "RuntimeException: x"));
        runTicks(publisher, 11, 20);
        publisher.emitEvent(Events.tick(21, 0));
        publisher.emitEvent(Events.tick(22, 0)); // completes 21 without health
        publisher.stop(); // completes 22

        assertThatFrames(nodes()).hasSize(23).hasContiguousSeqFromZero();
        assertThat(publisher.transportStatus().framesBuiltTotal()).isEqualTo(23);
    }

    @Test
    void keyframeEveryIntervalTicks() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);

        runTicks(publisher, 1, 300);
        publisher.stop();

        List<Map<String, Object>> frames = frames();
        assertThat(frames).hasSize(300);
        assertThat(frames.stream().filter(frame -> "snapshot".equals(frame.get("payload_type")))
                .map(frame -> frame.get("tick")).toList()).containsExactly(1, 101, 201);
        assertThat(publisher.transportStatus().keyframesTotal()).isEqualTo(3);
    }

    @Test
    void diffComparesNumbersNumerically() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);
        Map<String, Object> asInteger = new LinkedHashMap<>();
        asInteger.put("prices", Map.of("bread", 2));
        asInteger.put("count", 1);
        Map<String, Object> asDouble = new LinkedHashMap<>();
        asDouble.put("count", 1.0);
        asDouble.put("prices", Map.of("bread", 2.0));

        publisher.emitEvent(Events.tick(1, WorldView.builder().economy(asInteger).build()));
        publisher.emitEvent(Events.health(1));
        publisher.emitEvent(Events.tick(2, WorldView.builder().economy(asDouble).build()));
        publisher.emitEvent(Events.health(2));
        publisher.stop();

        Map<String, Object> diff = frames().get(1);
        assertThat(diff).containsEntry("payload_type", "diff");
        assertThat(map(diff.get("changes"))).doesNotContainKey("economy");
    }

    @Test
    void nonFiniteValuesBecomeNullAndAreCounted() {
        TelemetryPublisher publisher = publisher(NO_DIFF);
        try (LogCapture log = LogCapture.of(SnapshotDocumentBuilder.class)) {
            for (int tick = 1; tick <= 2; tick++) {
                publisher.emitEvent(Events.tick(tick, LoopTick.builder()
                        .world(WorldView.builder().embeddingMetrics(Map.of("reuse", Double.POSITIVE_INFINITY))
                                .build())
                        .rewardBreakdown(Map.of("alice", Map.of("total", Double.NaN)))
                        .build()));
                publisher.emitEvent(Events.health(tick));
            }
            publisher.stop();

            Map<String, Object> frame = frames().get(0);
            assertThat(map(map(frame.get("reward_breakdown")).get("alice"))).containsEntry("total", null);
            assertThat(map(frame.get("embedding_metrics"))).containsEntry("reuse", null);
            assertThat(publisher.transportStatus().nonfiniteValuesTotal()).isEqualTo(4);
            assertThat(log.warnings()).containsExactlyInAnyOrder(
                    "telemetry_nonfinite_value section=embedding_metrics path=embedding_metrics.reuse",
                    "telemetry_nonfinite_value section=reward_breakdown path=reward_breakdown.alice.total");
        }
        assertThat(transport.lines().get(0)).contains("\"total\":null");
    }

    @Test
    void redactedKeyNeverAppearsInDiff() {
        TelemetryPublisher publisher = publisher(PublisherSettings.builder().keyframeIntervalTicks(3).build());

        for (int tick = 1; tick <= 6; tick++) {
            publisher.emitEvent(Events.tick(tick, LoopTick.builder()
                    .policyIdentity(new PolicyIdentity("cfg", "hash-" + tick, "compact", null))
                    .build()));
            publisher.emitEvent(Events.health(tick));
        }
        publisher.updatePolicyIdentity(new PolicyIdentity("cfg", "manual", null, 0.5));
        runTicks(publisher, 7, 7);
        publisher.stop();

        List<Map<String, Object>> frames = frames();
        assertThat(frames).hasSize(7);
        for (Map<String, Object> frame : frames) {
            assertThat(frame).doesNotContainKey("policy_identity");
            if (frame.containsKey("changes")) {
                assertThat(map(frame.get("changes"))).doesNotContainKey("policy_identity");
            }
        }
        assertThat(transport.lines()).noneMatch(line -> line.contains("policy_identity") || line.contains("hash-"));
        assertThat(publisher.latestPolicyIdentity()).hasValue(new PolicyIdentity("cfg", "manual", null, 0.5));
    }

    // ------------------------------------------------------------------ completion and lifecycle

    @Test
    void tickCompletesOnNextLoopTickOrOnStop() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);

        publisher.emitEvent(Events.tick(1, 0));
        publisher.emitEvent(Events.tick(2, 3));
        publisher.stop();

        assertThat(frames()).extracting(frame -> frame.get("tick")).containsExactly(1, 2);
    }

    @Test
    void framesCarryStabilityAndHealthOfTheSameTick() {
        TelemetryPublisher publisher = publisher(NO_DIFF);

        publisher.emitEvent(Events.tick(1, 0));
        publisher.emitEvent(TelemetryEvent.stabilityMetrics(1, new StabilityMetrics(Map.of(
                "alerts", List.of("option_thrash"), "promotion_state", Map.of("state", "monitoring")))));
        publisher.emitMetric("queue.length.latest", 3.0, Map.of("tick", "1"));
        publisher.emitEvent(Events.health(1));
        publisher.stop();

        Map<String, Object> frame = frames().get(0);
        assertThat(map(frame.get("stability")).get("alerts")).isEqualTo(List.of("option_thrash"));
        assertThat(map(frame.get("promotion"))).containsEntry("state", "monitoring");
        Map<String, Object> health = map(frame.get("health"));
        assertThat(health).containsEntry("tick", 1).containsEntry("status", "ok");
        assertThat(map(health.get("metrics"))).containsEntry("queue.length.latest", 3.0);
    }

    @Test
    void noFrameIsBuiltAfterStopButReadModelsStillUpdate() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);
        runTicks(publisher, 1, 1);
        publisher.stop();

        publisher.emitEvent(Events.tick(2, 5));
        publisher.emitEvent(Events.health(2));

        assertThat(transport.frameCount()).isEqualTo(1);
        assertThat(publisher.transportStatus().framesBuiltTotal()).isEqualTo(1);
        assertThat(publisher.latestQueueMetrics()).isEqualTo(new QueueMetrics(5, 0, 0));
        assertThat(publisher.currentTick()).isEqualTo(2);
    }

    @Test
    void statusInvariantHoldsAfterStop() throws InterruptedException {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS,
                WorkerSettings.DEFAULTS.toBuilder().pollInterval(Duration.ofMillis(20)).maxBufferFrames(3)
                        .maxBatchSize(1).build());
        transport.blockSends();
        runTicks(publisher, 1, 1);
        assertThat(transport.awaitSendBlocked(WAIT)).isTrue();

        runTicks(publisher, 2, 20);
        transport.releaseSends();
        publisher.stop();

        TransportStatus status = publisher.transportStatus();
        assertThat(status.framesBuiltTotal()).isEqualTo(20);
        assertThat(status.framesDroppedTotal()).isPositive();
        assertThat(status.framesBuiltTotal())
                .isEqualTo(status.payloadsSentTotal() + status.framesDroppedTotal());
        assertThat(transport.frameCount()).isEqualTo((int) status.payloadsSentTotal());
        assertThatFrames(nodes()).startsWithSnapshot().haveSnapshotAfterEveryGap();
    }

    @Test
    void stopTwiceIsSafeAndStartsTransportOnce() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);
        publisher.start();
        runTicks(publisher, 1, 2);

        publisher.stop();
        publisher.stop();

        assertThat(transport.startCount()).isEqualTo(1);
        assertThat(transport.closeCount()).isEqualTo(1);
        assertThat(transport.frameCount()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ ingestion

    @Test
    void ingestionErrorIsCountedAndTheRestOfTheTickIsIngested() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);
        publisher.registerEventSubscriber((tick, events) -> {
            throw new IllegalStateException("subscriber broke");
        });

        publisher.emitEvent(Events.tick(1, 4));
        publisher.emitEvent(Events.health(1));
        publisher.stop();

        assertThat(publisher.transportStatus().ingestErrorsTotal()).isEqualTo(1);
        assertThat(publisher.latestQueueMetrics().cooldownEvents()).isEqualTo(4);
        assertThat(transport.frameCount()).isEqualTo(1);
    }

    @Test
    void failOnIngestErrorRethrowsAfterIngestion() {
        TelemetryPublisher publisher = publisher(PublisherSettings.builder().failOnIngestError(true).build());
        publisher.registerEventSubscriber((tick, events) -> {
            throw new IllegalStateException("subscriber broke");
        });

        assertThatThrownBy(() -> publisher.emitEvent(Events.tick(1, 4)))
                .isInstanceOf(TelemetryIngestException.class)
                .hasRootCauseMessage("subscriber broke");
        assertThat(publisher.latestQueueMetrics().cooldownEvents()).isEqualTo(4);
    }

    @Test
    void worldViewSectionsAreTakenAsIs() {
        TelemetryPublisher publisher = publisher(NO_DIFF);
        Map<String, Object> economy = Map.of("prices", Map.of("bread", 2.5));
        WorldView world = WorldView.builder()
                .queueMetrics(new QueueMetrics(1, 2, 3))
                .economy(economy)
                .jobs(Map.of("alice", Map.of("job_id", "cook")))
                .utilities(Map.of("power", true, "water", false))
                .relationships(Map.of("alice", Map.of("bob", new RelationshipTie(0.5, 0.2, 0.4))))
                .build();

        publisher.emitEvent(Events.tick(1, LoopTick.builder().world(world)
                .events(List.of(WorldEvent.of("affordance_start", "object_id", "bed_1"),
                        WorldEvent.of("affordance_precondition_fail", "object_id", "stove_1")))
                .build()));
        publisher.emitEvent(Events.health(1));
        publisher.stop();

        assertThat(publisher.latestEconomySnapshot()).isSameAs(world.economy());
        assertThat(publisher.latestJobSnapshot().get("alice")).containsEntry("job_id", "cook");
        assertThat(publisher.latestUtilities()).containsEntry("water", false);
        assertThat(publisher.latestConflictSnapshot().rivalry()).containsEntry("alice", Map.of("bob", 0.4));
        assertThat(publisher.latestAffordanceRuntime().eventCounts().start()).isEqualTo(1);
        assertThat(publisher.latestAffordanceRuntime().eventCounts().preconditionFail()).isEqualTo(1);
        assertThat(publisher.latestPreconditionFailures()).containsExactly(
                Map.of("event", "affordance_precondition_fail", "object_id", "stove_1"));
        assertThat(publisher.latestQueueHistory()).hasSize(1);
        Map<String, Object> frame = frames().get(0);
        assertThat(map(map(frame.get("relationship_snapshot")).get("alice")).get("bob"))
                .isEqualTo(Map.of("trust", 0.5, "familiarity", 0.2, "rivalry", 0.4));
        assertThat(map(frame.get("affordance_runtime")).get("event_counts"))
                .isEqualTo(Map.of("start", 1, "finish", 0, "fail", 0, "precondition_fail", 1));
        assertThat((List<?>) frame.get("events")).hasSize(2);
    }

    @Test
    void readsReturnImmutableValues() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);
        publisher.emitEvent(Events.tick(1, WorldView.builder()
                .economy(new LinkedHashMap<>(Map.of("prices", Map.of("bread", 1.0))))
                .jobs(new LinkedHashMap<>(Map.of("alice", new LinkedHashMap<>(Map.of("job_id", "cook")))))
                .build()));
        publisher.emitEvent(Events.generic(1, "custom.thing"));
        publisher.emitMetric("m", 1.0, Map.of());
        publisher.emitEvent(Events.health(1));

        Map<String, Object> economy = publisher.latestEconomySnapshot();
        assertThatThrownBy(() -> economy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> publisher.latestJobSnapshot().get("alice").put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> publisher.latestEvents().add(WorldEvent.of("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> publisher.latestQueueHistory().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> publisher.latestHealthStatus().metrics().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> publisher.latestUtilities().put("power", false))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> publisher.kpiHistory().clear())
                .isInstanceOf(UnsupportedOperationException.class);

        publisher.emitEvent(Events.tick(2, 9));
        assertThat(economy).containsKey("prices");
        assertThat(publisher.latestEconomySnapshot()).isEmpty();
        assertThat(publisher.latestEvents()).isEmpty();
    }

    @Test
    void readModelsFromAnotherThreadSeeOneTick() throws Exception {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong checked = new AtomicLong();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    ReadModels models = publisher.readModels();
                    long tick = models.currentTick();
                    if (tick > 0) {
                        assertThat(models.queueMetrics().cooldownEvents()).isEqualTo(tick);
                        assertThat(models.affordanceRuntime().tick()).isEqualTo(tick);
                        checked.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "read-models-reader");
        reader.start();
        // Ingestion is fast: keep ticking until the reader has checked many models taken mid-run (bounded).
        for (int tick = 1; tick <= 500 || (checked.get() < 100 && tick <= 200_000 && reader.isAlive()); tick++) {
            publisher.emitEvent(Events.tick(tick, tick));
            publisher.emitEvent(Events.health(tick));
        }
        done.set(true);
        reader.join(WAIT.toMillis());

        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(checked.get()).isPositive();
    }

    // ------------------------------------------------------------------ state

    @Test
    void importStateForcesKeyframeAndKeepsSeqRunning() {
        TelemetryPublisher publisher = publisher(PublisherSettings.DEFAULTS);
        runTicks(publisher, 1, 3);
        TelemetryStateSnapshot state = publisher.exportState();

        publisher.importState(state.toBuilder().queueMetrics(new QueueMetrics(7, 0, 0)).build());
        runTicks(publisher, 4, 5);
        publisher.stop();

        assertThat(publisher.latestQueueMetrics()).isEqualTo(QueueMetrics.ZERO);
        List<JsonNode> nodes = nodes();
        assertThatFrames(nodes).haveSnapshotAfterEveryGap();
        JsonNode firstAfterImport = nodes.stream().filter(node -> node.path("tick").asLong() == 4).findFirst()
                .orElseThrow();
        assertThat(firstAfterImport.path("payload_type").asText()).isEqualTo("snapshot");
        assertThat(firstAfterImport.path("seq").asLong()).isEqualTo(3);
        TransportStatus status = publisher.transportStatus();
        assertThat(status.framesBuiltTotal()).isEqualTo(status.payloadsSentTotal() + status.framesDroppedTotal());
    }

    @Test
    void exportStateRoundTripsThroughImport() {
        TelemetryPublisher first = publisher(PublisherSettings.DEFAULTS);
        first.emitEvent(Events.tick(3, WorldView.builder().queueMetrics(new QueueMetrics(2, 1, 0))
                .employment(Map.of("exit_queue", List.of())).build()));
        first.importConsoleBuffer(List.of("snapshot", Map.of("cmd", "relationship_summary", "mode", "admin")));
        first.updatePolicyIdentity(new PolicyIdentity("cfg", "abc", "compact", 0.0));
        TelemetryStateSnapshot exported = first.exportState();

        TelemetryPublisher second = publisher(PublisherSettings.DEFAULTS);
        second.importState(exported);

        assertThat(second.exportState().toBuilder().transportStatus(null).transportBufferPending(0).build())
                .isEqualTo(exported.toBuilder().transportStatus(null).transportBufferPending(0).build());
        assertThat(second.drainConsoleBuffer()).extracting(command -> command.name())
                .containsExactly("snapshot", "relationship_summary");
    }
}
