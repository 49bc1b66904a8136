package org.townlet.telemetry.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.LoopFailure;
import org.townlet.telemetry.api.event.LoopHealth;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.PolicyMetadata;
import org.townlet.telemetry.api.event.PolicyPossession;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RivalryEvent;
import org.townlet.telemetry.api.event.SocialEvent;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.HealthSummary;
import org.townlet.telemetry.api.status.TransportStatus;

class ReadModelStoreTest {
    private final List<String> errors = new ArrayList<>();
    private final ReadModelStore store = new ReadModelStore(Map.of("wage", 1.5),
            (step, error) -> errors.add(step + ": " + error.getMessage()));

    private static LoopTick world(WorldView world) {
        return LoopTick.builder().world(world).build();
    }

    private static LoopTick queues(long cooldown, long ghost, long rotation) {
        return world(WorldView.builder().queueMetrics(new QueueMetrics(cooldown, ghost, rotation)).build());
    }

    @Test
    void economySettingsStartFromTheConfigurationAndFollowTheWorld() {
        assertThat(store.current().economySettings()).containsExactly(Map.entry("wage", 1.5));

        store.ingestLoopTick(1, world(WorldView.builder().economySettings(Map.of("wage", 2.0)).build()));

        assertThat(store.current().economySettings()).containsExactly(Map.entry("wage", 2.0));
        assertThat(errors).isEmpty();
    }

    @Test
    void queueHistoryKeepsFairnessDeltasAndLatestEntries() {
        store.ingestLoopTick(1, queues(2, 1, 0));
        store.ingestLoopTick(2, queues(5, 1, 0));
        store.ingestLoopTick(3, queues(1, 1, 4));

        assertThat(store.current().queueHistory()).extracting(entry -> entry.delta()).containsExactly(
                new QueueMetrics(2, 1, 0), new QueueMetrics(3, 0, 0), new QueueMetrics(0, 0, 4));
        for (int tick = 4; tick <= 200; tick++) {
            store.ingestLoopTick(tick, queues(tick, 0, 0));
        }
        ReadModels models = store.current();
        assertThat(models.queueHistory()).hasSize(ReadModels.QUEUE_HISTORY_CAP);
        assertThat(models.queueHistory().get(0).tick()).isEqualTo(81);
        assertThat(models.conflict().queueHistory()).hasSize(20);
        assertThat(models.conflict().queueHistory().get(19).tick()).isEqualTo(200);
        assertThat(models.conflict().queues()).isEqualTo(new QueueMetrics(200, 0, 0));
    }

    @Test
    void rivalryHistoryTakesOnlyRivalryEvents() {
        store.ingestLoopTick(1, LoopTick.builder()
                .world(WorldView.builder().rivalryEvents(List.of(new RivalryEvent(1, "alice", "bob", 0.5, null)))
                        .build())
                .events(List.of(WorldEvent.of("queue_conflict", "actor", "alice")))
                .build());

        assertThat(store.current().rivalryHistory()).singleElement()
                .satisfies(event -> assertThat(event.reason()).isEqualTo("unknown"));
        assertThat(store.current().conflict().rivalryEvents()).hasSize(1);
    }

    @Test
    void eventsAreTheTickThenOutOfBandEntriesCappedAt128() {
        List<WorldEvent> events = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            events.add(WorldEvent.of("e" + i));
        }
        store.ingestLoopTick(1, LoopTick.builder().events(events).build());
        store.appendEvent(WorldEvent.of("custom", "payload", Map.of()));

        List<WorldEvent> latest = store.current().events();
        assertThat(latest).hasSize(ReadModels.EVENTS_CAP);
        assertThat(latest.get(latest.size() - 1).name()).isEqualTo("custom");
        assertThat(store.current().tickEvents()).hasSize(130);

        store.ingestLoopTick(2, LoopTick.builder().build());
        assertThat(store.current().events()).isEmpty();
    }

    @Test
    void socialEventsKeepTheLast60() {
        for (int tick = 1; tick <= 31; tick++) {
            store.ingestLoopTick(tick, LoopTick.builder()
                    .socialEvents(List.of(SocialEvent.of("chat_success", "tick", tick),
                            SocialEvent.of("chat_failure", "tick", tick)))
                    .build());
        }

        assertThat(store.current().socialEvents()).hasSize(ReadModels.SOCIAL_EVENTS_CAP);
        assertThat(store.current().socialEvents().get(0).attribute("tick")).isEqualTo(2);
    }

    @Test
    void metricsSurviveLoopHealthAndStaySorted() {
        store.recordMetric("world.events.count", 3, Map.of("tick", "1"));
        store.recordMetric("queue.length.latest", 1, null);
        store.ingestLoopHealth(1, LoopHealth.ok(2.0, 0, TransportStatus.initial("x", "drop_oldest"), null));
        store.recordMetric("queue.length.latest", 4, null);

        HealthStatus health = store.current().health();
        assertThat(health.status()).isEqualTo("ok");
        assertThat(health.metrics().keySet()).containsExactly("queue.length.latest", "world.events.count");
        assertThat(health.metrics().get("queue.length.latest").value()).isEqualTo(4.0);
    }

    @Test
    void failureHealthIsCompletedFromTheTransportStatus() {
        TransportStatus transport = TransportStatus.initial("x", "drop_oldest").toBuilder()
                .queueLength(3).droppedMessages(2).workerAlive(true).build();

        store.ingestLoopFailure(7, new LoopFailure(4.0, 1, "RuntimeException: boom", "/tmp/snap", null), transport);

        HealthStatus health = store.current().health();
        assertThat(health.tick()).isEqualTo(7);
        assertThat(health.status()).isEqualTo("error");
        assertThat(health.error()).isEqualTo("RuntimeException: boom");
        assertThat(health.snapshotPath()).isEqualTo("/tmp/snap");
        assertThat(health.summary()).isEqualTo(HealthSummary.builder().durationMs(4.0).queueLength(3)
                .droppedMessages(2).workerAlive(true).build());
        assertThat(store.current().events()).singleElement()
                .isEqualTo(WorldEvent.of("loop_failure", "tick", 7L, "error", "RuntimeException: boom"));
    }

    @Test
    void stabilityMetricsGiveAlertsAndPromotionState() {
        store.ingestStabilityMetrics(new StabilityMetrics(Map.of("alerts", List.of("rivalry_spike"),
                "promotion_state", Map.of("state", "pass"))));

        assertThat(store.current().stabilityAlerts()).containsExactly("rivalry_spike");
        assertThat(store.current().promotionState()).containsEntry("state", "pass");
    }

    @Test
    void policyEventsSetIdentityAndPossession() {
        store.ingestPolicyMetadata(TelemetryEvent.policyMetadata(3, new PolicyMetadata("scripted",
                Map.of("identity", Map.of("policy_hash", "abc123", "anneal_ratio", 0.0)))), "townlet-default");
        store.ingestPolicyPossession(new PolicyPossession("scripted", List.of("bob", "alice", "bob")));
        store.ingestLoopTick(4, LoopTick.builder().build());

        ReadModels models = store.current();
        assertThat(models.policyIdentity().policyHash()).isEqualTo("abc123");
        assertThat(models.policyIdentity().annealRatio()).isEqualTo(0.0);
        assertThat(models.policyIdentity().configId()).isEqualTo("townlet-default");
        assertThat(models.possessedAgents()).containsExactly("alice", "bob");
        assertThat(models.policyMetadataEvent().tick()).isEqualTo(3);
    }

    @Test
    void importResetsAbsentKeysToTheirEmptyValues() {
        store.ingestLoopTick(5, queues(3, 0, 0));
        store.recordMetric("m", 1, null);

        store.importState(TelemetryStateSnapshot.builder().currentTick(9).build());

        ReadModels models = store.current();
        assertThat(models.currentTick()).isEqualTo(9);
        assertThat(models.queueMetrics()).isEqualTo(QueueMetrics.ZERO);
        assertThat(models.queueHistory()).isEmpty();
        assertThat(models.metrics()).isEmpty();
        assertThat(models.economySettings()).containsExactly(Map.entry("wage", 1.5));
        assertThat(models.utilities()).isEqualTo(WorldView.DEFAULT_UTILITIES);
        assertThat(models.kpiHistory()).isEqualTo(ReadModels.EMPTY_KPI_HISTORY);
    }

    @Test
    void exportThenImportGivesAnEqualState() {
        store.ingestLoopTick(5, LoopTick.builder()
                .world(WorldView.builder().queueMetrics(new QueueMetrics(3, 1, 0))
                        .jobs(Map.of("alice", Map.of("job_id", "cook"))).build())
                .annealContext(Map.of("anneal_ratio", 0.5))
                .build());
        store.ingestPolicyMetadata(TelemetryEvent.policyMetadata(5, new PolicyMetadata("scripted", Map.of())),
                "cfg");
        store.recordMetric("m", 1, Map.of("k", "v"));
        TelemetryStateSnapshot exported = store.exportState().build();

        ReadModelStore other = new ReadModelStore(Map.of(), IngestErrorHandler.IGNORE);
        other.importState(exported);

        assertThat(other.exportState().build()).isEqualTo(exported);
    }

    @Test
    void aFailingStepIsReportedAndTheOthersStillRun() {
        store.registerSubscriber((tick, events) -> {
            throw new IllegalStateException("bad subscriber");
        });

        store.ingestLoopTick(1, queues(1, 0, 0));

        assertThat(errors).singleElement().asString().contains("bad subscriber");
        assertThat(store.current().queueMetrics().cooldownEvents()).isEqualTo(1);
    }

    @Test
    void aMetricIsFoldedInByTheNextReadOrIngestionNotRepublishedAtOnce() {
        store.ingestLoopTick(1, queues(1, 0, 0));
        ReadModels before = store.published();

        store.recordMetric("events.count", 3.0, Map.of("tick", "1"));
        store.recordMetric("queue.latest", 2.0, Map.of());

        assertThat(store.published()).as("recording a metric publishes nothing yet").isSameAs(before);
        ReadModels read = store.current();
        assertThat(read.metrics()).containsOnlyKeys("events.count", "queue.latest");
        assertThat(read.health().metrics()).isEqualTo(read.metrics());
        assertThat(store.published()).isSameAs(read);

        store.recordMetric("events.count", 4.0, Map.of());
        store.ingestLoopHealth(1, new LoopHealth("ok", 1.0, 0, TransportStatus.initial("x", "drop_oldest"),
                HealthSummary.EMPTY));
        assertThat(store.published().health().metrics().get("events.count").value()).isEqualTo(4.0);
        assertThat(store.published().health().tick()).isEqualTo(1);
    }
}
