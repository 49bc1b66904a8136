package org.townlet.telemetry.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.townlet.telemetry.core.publish.PublisherHarness.WAIT;
import static org.townlet.telemetry.core.publish.PublisherHarness.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleError;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.LoopHealth;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationEntry;
import org.townlet.telemetry.api.event.PolicyAnneal;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.PolicyMetadata;
import org.townlet.telemetry.api.event.PolicyPossession;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipStatus;
import org.townlet.telemetry.api.event.RelationshipTie;
import org.townlet.telemetry.api.event.RelationshipUpdate;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.RunningAffordance;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.status.HealthSummary;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.core.console.ConsoleAuditWriter;
import org.townlet.telemetry.core.console.ConsoleCommandBuffer;
import org.townlet.telemetry.core.console.ConsoleSettings;
import org.townlet.telemetry.testing.LogCapture;

/** Ingestion, narration and the console through the publisher (SPEC §4.3, §6, §7, §8). */
class PublisherIngestionTest {
    private final PublisherHarness harness = new PublisherHarness();

    @TempDir
    Path dir;

    @AfterEach
    void stopPublishers() {
        harness.close();
    }

    private TelemetryPublisher publisher() {
        return harness.started(PublisherSettings.DEFAULTS);
    }

    // ------------------------------------------------------------------ ingestion

    @Test
    void queueHistoryKeepsLatestEntries() {
        TelemetryPublisher publisher = publisher();
        for (int tick = 1; tick <= 130; tick++) {
            publisher.emitEvent(Events.tick(tick, WorldView.builder()
                    .queueMetrics(new QueueMetrics(tick, 0, tick % 2 == 0 ? tick : tick - 1)).build()));
        }

        assertThat(publisher.latestQueueHistory()).hasSize(50);
        assertThat(publisher.latestQueueHistory().get(49).tick()).isEqualTo(130);
        assertThat(publisher.latestQueueHistory().get(49).delta()).isEqualTo(new QueueMetrics(1, 0, 2));
        assertThat(publisher.latestQueueHistory().get(48).delta()).isEqualTo(new QueueMetrics(1, 0, 0));
        assertThat(publisher.latestConflictSnapshot().queueHistory()).hasSize(20);
        assertThat(publisher.exportState().queueHistory()).hasSize(120);
    }

    @Test
    void rivalryHistoryTakesOnlyRivalryEvents() {
        TelemetryPublisher publisher = publisher();
        publisher.emitEvent(Events.tick(1, LoopTick.builder()
                .world(WorldView.builder().rivalryEvents(List.of(new RivalryEvent(1, "alice", "bob", 0.4, null)))
                        .build())
                .events(List.of(WorldEvent.of("queue_conflict", "actor", "carol", "rival", "dave")))
                .build()));

        assertThat(publisher.latestRivalryEvents()).containsExactly(new RivalryEvent(1, "alice", "bob", 0.4,
                "unknown"));
        assertThat(publisher.latestConflictSnapshot().rivalryEvents()).hasSize(1);
    }

    @Test
    void possessionIsSortedUnique() {
        TelemetryPublisher publisher = publisher();

        publisher.emitEvent(TelemetryEvent.policyPossession(1, new PolicyPossession("scripted",
                List.of("bob", "alice", "bob"))));

        assertThat(publisher.latestPossessedAgents()).containsExactly("alice", "bob");
    }

    @Test
    void subscribersRunInOrderAndFailuresAreCounted() {
        TelemetryPublisher publisher = publisher();
        List<String> calls = new ArrayList<>();
        org.townlet.telemetry.api.sink.EventSubscriber first = (tick, events) -> calls.add("first@" + tick + ":"
                + events.size());
        publisher.registerEventSubscriber(first);
        publisher.registerEventSubscriber((tick, events) -> {
            throw new IllegalStateException("subscriber broke");
        });
        publisher.registerEventSubscriber((tick, events) -> calls.add("third@" + tick));
        publisher.registerEventSubscriber(first);

        try (LogCapture log = LogCapture.of(TelemetryPublisher.class)) {
            publisher.emitEvent(Events.tick(4, LoopTick.builder().events(List.of(WorldEvent.of("a"),
                    WorldEvent.of("b"))).build()));

            assertThat(log.warnings()).singleElement().asString().contains("subscriber broke");
        }
        assertThat(calls).containsExactly("first@4:2", "third@4");
        assertThat(publisher.transportStatus().ingestErrorsTotal()).isEqualTo(1);
    }

    @Test
    void policyMetadataSetsIdentity() {
        TelemetryPublisher publisher = publisher();

        publisher.emitEvent(TelemetryEvent.policyMetadata(2, new PolicyMetadata("scripted", Map.of("identity",
                Map.of("policy_hash", "abc123", "anneal_ratio", 0.0, "observation_variant", "compact", "extra", 1)))));

        assertThat(publisher.latestPolicyIdentity()).hasValue(new PolicyIdentity("townlet-default", "abc123",
                "compact", 0.0));
        assertThat(publisher.latestPolicyMetadata()).hasValueSatisfying(event -> assertThat(event.tick())
                .isEqualTo(2));
    }

    @Test
    void annealUpdateIsCached() {
        TelemetryPublisher publisher = publisher();

        publisher.emitEvent(TelemetryEvent.policyAnneal(3, new PolicyAnneal("scripted", 0.0, Map.of("cycle", 1))));

        assertThat(publisher.latestPolicyAnneal()).hasValueSatisfying(event -> {
            PolicyAnneal anneal = (PolicyAnneal) event.payload();
            assertThat(anneal.ratio()).isEqualTo(0.0);
            assertThat(anneal.context()).containsEntry("cycle", 1);
            assertThat(event.tick()).isEqualTo(3);
        });
    }

    @Test
    void metricsSurviveLoopHealth() {
        TelemetryPublisher publisher = publisher();
        publisher.emitMetric("world.events.count", 3.0, Map.of("tick", "1"));
        publisher.emitEvent(TelemetryEvent.metric(1, new org.townlet.telemetry.api.event.MetricSample(
                "queue.length.latest", 2.0, Map.of())));

        publisher.emitEvent(Events.tick(1, 0));
        publisher.emitEvent(Events.health(1));
        publisher.emitEvent(Events.tick(2, 0));
        publisher.emitEvent(Events.health(2));

        assertThat(publisher.latestHealthStatus().metrics()).containsOnlyKeys("queue.length.latest",
                "world.events.count");
        assertThat(publisher.latestHealthStatus().metrics().get("world.events.count").tags())
                .containsEntry("tick", "1");
    }

    @Test
    void healthStatusMatchesLoopTick() {
        TelemetryPublisher publisher = publisher();
        HealthSummary summary = HealthSummary.builder().durationMs(4.5).queueLength(3).build();
        TransportStatus status = publisher.transportStatus();

        publisher.emitEvent(Events.tick(6, 0));
        publisher.emitEvent(TelemetryEvent.loopHealth(6, LoopHealth.ok(4.5, 0, status, summary)));

        assertThat(publisher.latestHealthStatus().tick()).isEqualTo(6);
        assertThat(publisher.latestHealthStatus().status()).isEqualTo("ok");
        assertThat(publisher.latestHealthStatus().durationMs()).isEqualTo(4.5);
        assertThat(publisher.latestHealthStatus().summary().durationMs()).isEqualTo(4.5);
        assertThat(publisher.latestHealthStatus().summary().queueLength()).isEqualTo(3);
    }

    @Test
    void healthSummaryReportsWorkerAndAuth() {
        TelemetryPublisher publisher = harness.started(PublisherSettings.builder().authEnabled(true).build());

        TransportStatus status = publisher.transportStatus();

        assertThat(status.workerAlive()).isTrue();
        assertThat(status.workerError()).isNull();
        assertThat(status.workerRestartCount()).isZero();
        assertThat(status.authEnabled()).isTrue();
        assertThat(publisher().transportStatus().authEnabled()).isFalse();
    }

    @Test
    void handBuiltWorldViewIsTakenAsIs() {
        TelemetryPublisher publisher = publisher();
        Map<String, Object> economy = Map.of("objects", Map.of("fridge_1", Map.of("type", "fridge")),
                "prices", Map.of("meal", 0.4));
        WorldView world = WorldView.builder()
                .economy(economy)
                .jobs(Map.of("alice", Map.of("job_id", "cook", "on_shift", true)))
                .utilities(Map.of("power", true, "water", false))
                .runningAffordances(Map.of("bed_1", new RunningAffordance("alice", "rest_sleep", 1, 59)))
                .activeReservations(Map.of("bed_1", Map.of("agent_id", "alice", "tick", 1)))
                .build();

        try (LogCapture log = LogCapture.on("org.townlet.telemetry")) {
            publisher.emitEvent(Events.tick(1, world));
            publisher.emitEvent(Events.health(1));

            assertThat(log.warnings()).isEmpty();
        }
        assertThat(publisher.latestEconomySnapshot()).isEqualTo(economy);
        assertThat(publisher.latestJobSnapshot().get("alice")).containsEntry("job_id", "cook");
        assertThat(publisher.latestAffordanceRuntime().runningCount()).isEqualTo(1);
        assertThat(publisher.latestAffordanceRuntime().activeReservations().get("bed_1"))
                .containsEntry("agent_id", "alice").containsEntry("tick", 1);
        assertThat(publisher.latestUtilities()).containsEntry("water", false);
        assertThat(publisher.transportStatus().ingestErrorsTotal()).isZero();
    }

    @Test
    void relationshipUpdatesOverlayAndSummaryFollowTheTies() {
        TelemetryPublisher publisher = publisher();
        publisher.emitEvent(Events.tick(1, WorldView.builder().relationships(Map.of(
                "alice", Map.of("bob", new RelationshipTie(0.5, 0.1, 0.0), "carol", new RelationshipTie(0.9, 0.0,
                        0.6))))
                .relationshipMetrics(Map.of("total", 1)).build()));
        publisher.emitEvent(Events.tick(2, WorldView.builder().relationships(Map.of(
                "alice", Map.of("bob", new RelationshipTie(0.5 + 5e-7, 0.1, 0.0), "carol", new RelationshipTie(0.7,
                        0.0, 0.6)))).build()));

        assertThat(publisher.latestRelationshipUpdates()).containsExactly(new RelationshipUpdate("alice", "carol",
                0.7, 0.0, 0.6, RelationshipStatus.UPDATED, new RelationshipTie(0.7 - 0.9, 0.0, 0.0)));
        assertThat(publisher.latestRelationshipOverlay().get("alice")).extracting(entry -> entry.other())
                .containsExactly("carol", "bob");
        assertThat(publisher.latestRelationshipOverlay().get("alice").get(0).deltaTrust())
                .isEqualTo(0.7 - 0.9);
        assertThat(publisher.latestRelationshipSummary().agents().get("alice").topRivals())
                .extracting(rival -> rival.agent()).containsExactly("carol");
        // Relationship metrics are kept when a tick's world view has none; the summary's churn follows them.
        assertThat(publisher.latestRelationshipMetrics()).containsEntry("total", 1);
        assertThat(publisher.latestRelationshipSummary().churn()).containsEntry("total", 1);
    }

    // ------------------------------------------------------------------ narration

    @Test
    void manualNarrationFromAnotherThreadJoinsTheTickAtItsBoundary() throws Exception {
        TelemetryPublisher publisher = harness.started(PublisherSettings.builder().diffEnabled(false).build());
        publisher.emitEvent(Events.tick(5, 0));

        Optional<NarrationEntry> entry = CompletableFuture.supplyAsync(() -> publisher.emitManualNarration(
                ManualNarration.builder("  The baker opens early.  ").category(" ").dedupeKey("baker").build()))
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        publisher.emitEvent(Events.health(5));
        publisher.stop();

        NarrationEntry expected = new NarrationEntry(5, "operator_story", "The baker opens early.", false, Map.of(),
                "baker");
        assertThat(entry).hasValue(expected);
        assertThat(publisher.latestNarrations()).containsExactly(expected);
        assertThat((List<?>) harness.frames().get(0).get("narrations")).singleElement().satisfies(narration ->
                assertThat(map(narration)).containsEntry("message", "The baker opens early.")
                        .containsEntry("dedupe_key", "baker").containsEntry("tick", 5));
        assertThat(publisher.latestNarrationState().lastGlobalTick()).isEqualTo(5);
    }

    @Test
    void manualNarrationIsDecidedAtTheLimitersTickAndNeverRewindsIt() {
        TelemetryPublisher publisher = publisher();
        publisher.emitEvent(Events.tick(40, 0));

        Optional<NarrationEntry> past = publisher.emitManualNarration(ManualNarration.builder("Old news.")
                .tick(3L).priority(true).build());
        Optional<NarrationEntry> denied = publisher.emitManualNarration(ManualNarration.builder("Again.").build());
        Optional<NarrationEntry> duplicate = publisher.emitManualNarration(ManualNarration.builder("Old news.")
                .priority(true).build());
        publisher.emitEvent(Events.tick(41, 0));

        assertThat(past).hasValueSatisfying(narration -> {
            assertThat(narration.tick()).isEqualTo(3);
            assertThat(narration.priority()).isTrue();
        });
        assertThat(denied).isEmpty();
        assertThat(duplicate).isEmpty();
        assertThat(publisher.latestNarrationState().lastGlobalTick()).isEqualTo(40);
        // Queued after tick 40's ingestion: it joins tick 40's narrations when tick 41 completes tick 40.
        assertThat(publisher.latestNarrations()).isEmpty();
        publisher.stop();
        assertThat((List<?>) harness.frames().get(0).get("narrations")).singleElement()
                .satisfies(narration -> assertThat(map(narration)).containsEntry("message", "Old news.")
                        .containsEntry("tick", 3));
        assertThatThrownBy(() -> ManualNarration.builder("   ").build()).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ console

    @Test
    void consoleResultsNeverBecomeCommands() {
        TelemetryPublisher publisher = publisher();
        publisher.importConsoleBuffer(List.of("help"));
        List<ConsoleCommand> drained = publisher.drainConsoleBuffer();
        publisher.emitEvent(Events.tick(1, 0));
        publisher.emitEvent(TelemetryEvent.consoleResult(1, new ConsoleEvent(drained.get(0),
                ConsoleResult.ok("help", null, null, null, 1L, Map.of("commands", List.of("help"))))));
        publisher.emitEvent(TelemetryEvent.consoleResult(1, new ConsoleEvent(ConsoleCommand.of("oops"),
                ConsoleResult.error("oops", null, null, 1L, 0L, ConsoleError.of("unknown_command",
                        "unknown command 'oops'")))));
        publisher.emitEvent(Events.health(1));
        publisher.emitEvent(Events.tick(2, 0));

        assertThat(publisher.drainConsoleBuffer()).isEmpty();
        assertThat(publisher.latestConsoleResults()).extracting(ConsoleResult::name).containsExactly("help", "oops");
        assertThat(publisher.latestConsoleResults().get(0).tick()).isEqualTo(1L);
        assertThat(publisher.consoleHistory()).hasSize(2);
    }

    @Test
    void droppedConsoleCommandsShowInTheHealthMetrics() {
        TelemetryPublisher publisher = publisher();

        publisher.importConsoleBuffer(IntStream.rangeClosed(1, 52).mapToObj(i -> "cmd" + i).toList());
        publisher.importConsoleBuffer(List.of(7, "help"));

        assertThat(publisher.drainConsoleBuffer()).extracting(ConsoleCommand::name).containsExactly("help");
        assertThat(publisher.latestHealthStatus().metrics().get(ConsoleCommandBuffer.DROPPED_METRIC).value())
                .isEqualTo(2.0);
        assertThat(publisher.latestHealthStatus().metrics().get(ConsoleCommandBuffer.INVALID_METRIC).value())
                .isEqualTo(1.0);
    }

    @Test
    void auditIsOffByDefaultAndWrittenWhenConfigured() throws IOException {
        TelemetryPublisher quiet = publisher();
        emitResult(quiet, "snapshot");
        assertThat(quiet.consoleAuditStats()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread ->
                thread.getName().equals(ConsoleAuditWriter.THREAD_NAME));
        quiet.stop();

        Path audit = dir.resolve("audit/console.jsonl");
        TelemetryPublisher audited = harness.started(PublisherSettings.builder()
                .console(ConsoleSettings.builder().auditPath(audit).build()).build());
        audited.emitEvent(Events.tick(1, 0));
        emitResult(audited, "snapshot");
        emitResult(audited, "help");
        audited.stop();

        assertThat(Files.readAllLines(audit, StandardCharsets.UTF_8)).containsExactly(
                "{\"name\":\"snapshot\",\"status\":\"ok\",\"cmd_id\":\"c-1\",\"issuer\":\"ops\",\"tick\":1,"
                        + "\"latency_ms\":2,\"result\":{\"ok\":true}}",
                "{\"name\":\"help\",\"status\":\"ok\",\"cmd_id\":\"c-1\",\"issuer\":\"ops\",\"tick\":1,"
                        + "\"latency_ms\":2,\"result\":{\"ok\":true}}");
        assertThat(audited.consoleAuditStats()).hasValue(new TelemetryPublisher.ConsoleAuditStats(2, 0, 0));
    }

    private static void emitResult(TelemetryPublisher publisher, String name) {
        publisher.emitEvent(TelemetryEvent.consoleResult(1, new ConsoleEvent(ConsoleCommand.of(name),
                ConsoleResult.ok(name, "c-1", "ops", null, 2L, Map.of("ok", true)))));
    }
}
