package org.townlet.telemetry.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.townlet.telemetry.core.publish.PublisherHarness.WAIT;
import static org.townlet.telemetry.core.publish.PublisherHarness.map;
import static org.townlet.telemetry.testing.FrameAssertions.assertThatFrames;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.TelemetryValidationException;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.core.encode.SnapshotDocumentBuilder;
import org.townlet.telemetry.core.transform.BundledSchemas;
import org.townlet.telemetry.core.transform.TransformPipeline;
import org.townlet.telemetry.core.worker.WorkerSettings;

/** The stream a publisher produces: sequence, keyframes, sections, transforms (SPEC §9, §10). */
class PublisherStreamTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PublisherHarness harness = new PublisherHarness();

    @TempDir
    Path configDir;

    @AfterEach
    void stopPublishers() {
        harness.close();
    }

    private static void tick(TelemetryPublisher publisher, long tick, LoopTick payload) {
        publisher.emitEvent(Events.tick(tick, payload));
        publisher.emitEvent(TelemetryEvent.stabilityMetrics(tick, new StabilityMetrics(Map.of("alerts",
                List.of("option_thrash"), "promotion_state", Map.of("state", "monitoring", "consecutive_passes", 0)))));
        publisher.emitEvent(Events.health(tick));
    }

    private static void richTicks(TelemetryPublisher publisher, int from, int to) {
        for (int tick = from; tick <= to; tick++) {
            tick(publisher, tick, Worlds.rich(tick));
        }
    }

    private TransformPipeline pipeline(String json) throws IOException {
        return TransformPipeline.parse(MAPPER.readTree(json.replace('\'', '"')), configDir);
    }

    private static List<String> kinds(List<Map<String, Object>> frames) {
        return frames.stream().map(frame -> (String) frame.get("payload_type")).toList();
    }

    // ------------------------------------------------------------------ sequence and keyframes

    @Test
    void seqIsContiguousAndSurvivesImport() {
        TelemetryPublisher publisher = harness.started(PublisherSettings.DEFAULTS);
        richTicks(publisher, 1, 5);
        // Sent before the import, which would otherwise drop what is still buffered.
        harness.transport.awaitFrames(5, WAIT);
        publisher.importState(publisher.exportState());
        richTicks(publisher, 6, 8);
        publisher.stop();

        List<Map<String, Object>> frames = harness.frames();
        assertThatFrames(harness.nodes()).hasContiguousSeqFromZero().startsWithSnapshot();
        assertThat(frames).extracting(frame -> frame.get("tick")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(kinds(frames)).containsExactly("snapshot", "diff", "diff", "diff", "diff", "snapshot", "diff",
                "diff");
        assertThat(publisher.transportStatus().framesBuiltTotal()).isEqualTo(8);
    }

    @Test
    void droppedFrameLeavesGapThenKeyframe() throws InterruptedException {
        TelemetryPublisher publisher = harness.unstarted(PublisherSettings.DEFAULTS,
                PublisherHarness.FAST.toBuilder().maxBufferFrames(2).build());
        publisher.start();
        harness.transport.blockSends();
        richTicks(publisher, 1, 1);
        assertThat(harness.transport.awaitSendBlocked(WAIT)).isTrue();

        richTicks(publisher, 2, 6);
        harness.transport.releaseSends();
        publisher.stop();

        List<JsonNode> nodes = harness.nodes();
        assertThat(harness.transport.seqs()).containsExactly(0L, 4L, 5L);
        assertThat(kinds(harness.frames())).containsExactly("snapshot", "snapshot", "diff");
        assertThatFrames(nodes).haveSnapshotAfterEveryGap();
        TransportStatus status = publisher.transportStatus();
        assertThat(status.framesDroppedTotal()).isEqualTo(3);
        assertThat(status.framesBuiltTotal()).isEqualTo(status.payloadsSentTotal() + status.framesDroppedTotal());
    }

    @Test
    void reconnectOrRotationForcesKeyframe() throws InterruptedException {
        TelemetryPublisher publisher = harness.started(PublisherSettings.DEFAULTS);
        harness.transport.blockSends();
        richTicks(publisher, 1, 1);
        assertThat(harness.transport.awaitSendBlocked(WAIT)).isTrue();
        harness.transport.reportNewConnectionOnNextSends(1);

        richTicks(publisher, 2, 4);
        harness.transport.releaseSends();
        publisher.stop();

        assertThat(kinds(harness.frames())).containsExactly("snapshot", "snapshot", "diff", "diff");
        assertThat(publisher.transportStatus().reconnectsTotal()).isEqualTo(1);
        assertThat(publisher.transportStatus().keyframesTotal()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ sections

    @Test
    void everySectionIsCurrentAndFilled() {
        TelemetryPublisher publisher = harness.started(PublisherSettings.builder().diffEnabled(false).build());
        richTicks(publisher, 1, 3);
        publisher.stop();

        Map<String, Object> frame = harness.frames().get(2);
        List<String> expected = new ArrayList<>(SnapshotDocumentBuilder.SNAPSHOT_KEYS);
        expected.remove("policy_identity");
        assertThat(frame.keySet()).containsExactlyElementsOf(expected);
        for (String section : List.of("queue_metrics", "embedding_metrics", "employment", "jobs", "economy",
                "economy_settings", "price_spikes", "utilities", "conflict", "relationships", "relationship_snapshot",
                "relationship_overlay", "affordance_manifest", "affordance_runtime", "reward_breakdown", "stability",
                "promotion", "perturbations", "policy_snapshot", "anneal_status", "kpi_history", "transport",
                "health")) {
            assertThat(frame.get(section)).as(section).isInstanceOfSatisfying(Map.class,
                    value -> assertThat(value).as(section).isNotEmpty());
        }
        for (String section : List.of("relationship_updates", "events")) {
            assertThat(frame.get(section)).as(section).isInstanceOfSatisfying(List.class,
                    value -> assertThat(value).as(section).isNotEmpty());
        }
        // Tick 1 narrates; by tick 3 the limiter's cooldowns and dedupe window hold the repeats back.
        assertThat((List<?>) harness.frames().get(0).get("narrations")).isNotEmpty();
        assertThat((List<?>) frame.get("narrations")).isEmpty();
        assertThat(frame.get("runtime_variant")).isEqualTo("facade");
        assertThat(map(frame.get("health"))).containsEntry("tick", 3).containsEntry("status", "ok");
        assertThat(map(map(frame.get("kpi_history")))).containsOnlyKeys("queue_conflict_intensity",
                "employment_lateness", "late_help_events", "queue_rotation_events", "queue_ghost_step_events");
        assertThat(map(frame.get("kpi_history")).get("late_help_events")).isEqualTo(List.of(1.0, 1.0, 1.0));
        assertThat(map(frame.get("relationship_overlay")).keySet()).containsExactly("alice", "bob");
        assertThat(publisher.transformStats().framesValidated()).isEqualTo(3);
        assertThat(publisher.transformStats().validationFailures()).isZero();
    }

    @Test
    void zeroAgentsStillFillEverySection() {
        TelemetryPublisher publisher = harness.started(PublisherSettings.DEFAULTS);
        tick(publisher, 1, LoopTick.builder().world(WorldView.EMPTY).build());
        publisher.stop();

        List<Map<String, Object>> frames = harness.frames();
        assertThat(frames).hasSize(1);
        Map<String, Object> frame = frames.get(0);
        List<String> expected = new ArrayList<>(SnapshotDocumentBuilder.SNAPSHOT_KEYS);
        expected.remove("policy_identity");
        assertThat(frame.keySet()).containsExactlyElementsOf(expected);
        assertThat(map(frame.get("jobs"))).isEmpty();
        assertThat(map(frame.get("employment"))).isEmpty();
        assertThat(map(frame.get("utilities"))).containsExactly(Map.entry("power", true), Map.entry("water", true));
        assertThat(map(frame.get("conflict"))).containsOnlyKeys("queues", "queue_history", "rivalry",
                "rivalry_events");
        assertThat(map(map(frame.get("affordance_runtime")).get("event_counts")))
                .containsOnlyKeys("start", "finish", "fail", "precondition_fail");
        assertThat(map(frame.get("kpi_history"))).hasSize(5);
        assertThat(BundledSchemas.validate(frame)).isEmpty();
    }

    @Test
    void kpiSeriesAreCappedAt50() {
        TelemetryPublisher publisher = harness.started(PublisherSettings.DEFAULTS);
        richTicks(publisher, 1, 60);
        publisher.stop();

        Map<String, List<Number>> kpi = publisher.kpiHistory();
        assertThat(kpi).hasSize(5).allSatisfy((series, values) -> assertThat(values).hasSize(50));
        assertThat(kpi.get("queue_conflict_intensity")).containsOnly(0.75);
        assertThat(kpi.get("late_help_events")).containsOnly(1.0);
        // alice's lateness cycles 0..3 with the tick, bob's is 1: tick 60 gives (0 + 1) / 2.
        assertThat(kpi.get("employment_lateness").get(49)).isEqualTo(0.5);
        assertThat(kpi.get("queue_rotation_events")).containsOnly(2L);
        for (Map<String, Object> frame : harness.frames()) {
            Map<String, Object> sections = frame.containsKey("changes") ? map(frame.get("changes")) : frame;
            if (sections.containsKey("kpi_history")) {
                assertThat(map(sections.get("kpi_history")))
                        .allSatisfy((series, values) -> assertThat((List<?>) values).hasSizeLessThanOrEqualTo(50));
            }
        }
    }

    @Test
    void removedSectionsAreListedInTheDiff() throws IOException {
        TelemetryPublisher publisher = harness.started(PublisherSettings.builder()
                .transforms(pipeline("[{'redact_fields': {'fields': ['economy'], 'kinds': ['diff']}}]"))
                .build());

        richTicks(publisher, 1, 2);
        publisher.stop();

        List<Map<String, Object>> frames = harness.frames();
        assertThat(frames.get(0)).containsKey("economy");
        assertThat(frames.get(1)).containsEntry("removed", List.of("economy"));
        assertThat(map(frames.get(1).get("changes"))).doesNotContainKey("economy");
    }

    // ------------------------------------------------------------------ transforms

    @Test
    void configuredPipelineReplacesDefaults() throws IOException {
        TelemetryPublisher publisher = harness.started(PublisherSettings.builder()
                .transforms(pipeline("[{'redact_fields': {'fields': ['custom_secret', 'economy']}}]"))
                .build());

        richTicks(publisher, 1, 2);
        publisher.stop();

        List<Map<String, Object>> frames = harness.frames();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).containsKey("tick").containsKey("policy_identity").doesNotContainKey("economy");
        assertThat(map(frames.get(1).get("changes"))).containsKey("policy_identity").doesNotContainKey("economy");
        assertThat(publisher.transformStats().framesValidated()).isZero();
    }

    @Test
    void emptyPipelineUsesDefaults() throws IOException {
        TelemetryPublisher publisher = harness.started(PublisherSettings.builder().transforms(pipeline("[]"))
                .build());

        richTicks(publisher, 1, 3);
        publisher.stop();

        assertThat(harness.transport.lines()).hasSize(3).noneMatch(line -> line.contains("policy_identity"));
        assertThat(publisher.transformStats().framesValidated()).isEqualTo(3);
    }

    @Test
    void validatorRaiseModeFailsTheSimulation() throws IOException {
        Files.writeString(configDir.resolve("strict-diff.json"), "{\"type\": \"object\", "
                + "\"required\": [\"never_present\"]}");
        TelemetryPublisher publisher = harness.unstarted(PublisherSettings.builder()
                .transforms(pipeline("[{'schema_validator': {'mode': 'raise', 'schemas': "
                        + "{'diff': 'strict-diff.json'}}}]"))
                .build(), PublisherHarness.FAST);
        // Buffered before start(), so no frame is built (and nothing can raise) while the ticks are emitted.
        richTicks(publisher, 1, 3);
        publisher.start();
        // Tick 1 (snapshot) is sent, tick 2 (diff) raises and is not sent, tick 3 is a keyframe again.
        harness.transport.awaitFrames(2, WAIT);

        assertThatThrownBy(() -> publisher.emitEvent(Events.tick(4, Worlds.rich(4))))
                .isInstanceOf(TelemetryValidationException.class)
                .hasMessageStartingWith("Telemetry event kind 'diff' failed schema validation: ")
                .hasMessageContaining("never_present");
        publisher.emitEvent(Events.tick(4, Worlds.rich(4)));
        // Tick 4 is a diff again: it fails too, and stop() is the next call to rethrow.
        assertThatThrownBy(publisher::stop).isInstanceOf(TelemetryValidationException.class);

        assertThat(harness.transport.seqs()).containsExactly(0L, 2L);
        assertThat(publisher.transformStats().validationRaises()).isPositive();
        TransportStatus status = publisher.transportStatus();
        assertThat(status.framesBuiltTotal()).isEqualTo(status.payloadsSentTotal() + status.framesDroppedTotal());
    }

    @Test
    void raiseFailureNotYetRethrownComesOutOfStop() throws IOException {
        Files.writeString(configDir.resolve("strict.json"), "{\"required\": [\"never_present\"]}");
        TelemetryPublisher publisher = harness.started(PublisherSettings.builder()
                .transforms(pipeline("[{'schema_validator': {'mode': 'raise', 'schemas': "
                        + "{'snapshot': 'strict.json'}}}]"))
                .build());
        richTicks(publisher, 1, 1);

        assertThatThrownBy(publisher::stop)
                .isInstanceOf(TelemetryValidationException.class)
                .hasMessageContaining("schema validation");
        assertThat(harness.transport.frameCount()).isZero();
        assertThat(harness.transport.closeCount()).isEqualTo(1);
    }

    @Test
    void everyProducedFrameValidatesAgainstTheBundledSchemas() {
        TelemetryPublisher publisher = harness.started(PublisherSettings.builder().keyframeIntervalTicks(10)
                .build());
        richTicks(publisher, 1, 25);
        publisher.emitEvent(Events.tick(26, Worlds.rich(26)));
        publisher.emitEvent(Events.failure(26, "IllegalStateException: boom"));
        richTicks(publisher, 26, 30);
        publisher.stop();

        List<JsonNode> nodes = harness.nodes();
        assertThat(nodes).hasSize(31);
        for (JsonNode node : nodes) {
            assertThat(BundledSchemas.validate(node)).as("frame seq %s", node.get("seq")).isEmpty();
        }
        assertThat(publisher.transformStats().framesValidated()).isEqualTo(31);
        assertThat(publisher.transformStats().validationFailures()).isZero();
        assertThatFrames(nodes).hasContiguousSeqFromZero();
    }

    // ------------------------------------------------------------------ settings

    @Test
    void keyframeIntervalIsValidatedWithItsKey() {
        assertThatThrownBy(() -> PublisherSettings.builder().keyframeIntervalTicks(-1).build())
                .hasMessage("telemetry.keyframe_interval_ticks must be 0–1000000; got -1");
        assertThatThrownBy(() -> PublisherSettings.builder().configId(" ").build())
                .hasMessage("config_id must not be blank");
        assertThat(PublisherSettings.DEFAULTS.transforms()).isSameAs(TransformPipeline.DEFAULT);
        assertThat(PublisherSettings.DEFAULTS.console().auditPath()).isNull();
        assertThat(WorkerSettings.DEFAULTS.maxBufferBytes()).isEqualTo(4_194_304L);
    }
}
