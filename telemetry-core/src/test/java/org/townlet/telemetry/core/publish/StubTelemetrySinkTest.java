package org.townlet.telemetry.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.AffordanceRuntime;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationLimiterState;
import org.townlet.telemetry.api.event.Perturbations;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.RelationshipSummary;
import org.townlet.telemetry.api.event.StabilityInputs;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.HealthStatus;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.testing.LogCapture;

class StubTelemetrySinkTest {

    @Test
    void stubReturnsFullEmptyShapes() {
        StubTelemetrySink stub = TelemetrySinks.stub();

        assertThat(stub.schema()).isEqualTo("0.9.9");
        assertThat(stub.currentTick()).isZero();
        assertThat(stub.latestPolicyIdentity()).isEmpty();
        assertThat(stub.latestPolicySnapshot()).isEmpty();
        assertThat(stub.latestAnnealStatus()).isEmpty();
        assertThat(stub.drainConsoleBuffer()).isEmpty();
        assertThat(stub.latestConsoleResults()).isEmpty();
        assertThat(stub.consoleHistory()).isEmpty();
        assertThat(stub.latestQueueMetrics()).isEqualTo(QueueMetrics.ZERO);
        assertThat(stub.latestEmbeddingMetrics()).isEmpty();
        assertThat(stub.latestJobSnapshot()).isEmpty();
        assertThat(stub.latestEvents()).isEmpty();
        assertThat(stub.latestEconomySnapshot()).isEmpty();
        assertThat(stub.latestEconomySettings()).isEmpty();
        assertThat(stub.latestPriceSpikes()).isEmpty();
        assertThat(stub.latestUtilities()).containsExactly(Map.entry("power", true), Map.entry("water", true));
        assertThat(stub.latestEmploymentMetrics()).isEmpty();
        assertThat(stub.latestConflictSnapshot()).isEqualTo(ConflictSnapshot.EMPTY);
        assertThat(stub.latestRivalryEvents()).isEmpty();
        assertThat(stub.latestAffordanceManifest()).isEmpty();
        assertThat(stub.latestAffordanceRuntime()).isEqualTo(AffordanceRuntime.EMPTY);
        assertThat(stub.latestAffordanceRuntime().tick()).isZero();
        assertThat(stub.latestRewardBreakdown()).isEmpty();
        assertThat(stub.latestPersonalitySnapshot()).isEmpty();
        assertThat(stub.latestRelationshipMetrics()).isEmpty();
        assertThat(stub.latestRelationshipSnapshot()).isEmpty();
        assertThat(stub.latestRelationshipUpdates()).isEmpty();
        assertThat(stub.latestRelationshipSummary()).isEqualTo(RelationshipSummary.EMPTY);
        assertThat(stub.latestSocialEvents()).isEmpty();
        assertThat(stub.latestNarrations()).isEmpty();
        assertThat(stub.latestNarrationState()).isEqualTo(NarrationLimiterState.INITIAL);
        assertThat(stub.latestNarrationState().lastGlobalTick()).isEqualTo(-10_000L);
        assertThat(stub.latestStabilityMetrics()).isEmpty();
        assertThat(stub.latestStabilityAlerts()).isEmpty();
        assertThat(stub.latestHealthStatus()).isEqualTo(HealthStatus.EMPTY);
        assertThat(stub.latestHealthStatus().status()).isEqualTo("unknown");
        assertThat(stub.latestSnapshotMigrations()).isEmpty();

        TransportStatus status = stub.transportStatus();
        assertThat(status.provider()).isEqualTo("stub");
        assertThat(status.connected()).isFalse();
        assertThat(status.workerAlive()).isFalse();
        assertThat(status.framesBuiltTotal()).isZero();
        assertThat(status.droppedMessages()).isZero();
        assertThat(stub.latestTransportStatus()).isEqualTo(status);

        assertThat(stub.latestPossessedAgents()).isEmpty();
        assertThat(stub.latestPreconditionFailures()).isEmpty();
        assertThat(stub.latestPerturbations()).isEqualTo(Perturbations.EMPTY);
        assertThat(stub.latestStabilityInputs()).isEqualTo(StabilityInputs.EMPTY);
        assertThat(stub.latestPromotionState()).isEmpty();
        assertThat(stub.latestPolicyMetadata()).isEmpty();
        assertThat(stub.latestPolicyAnneal()).isEmpty();
        assertThat(stub.latestObservationEnvelope()).isEmpty();
        assertThat(stub.latestQueueHistory()).isEmpty();
        assertThat(stub.latestRelationshipOverlay()).isEmpty();
        assertThat(stub.kpiHistory()).containsOnlyKeys(TelemetryStateSnapshot.KPI_SERIES)
                .allSatisfy((series, values) -> assertThat(values).isEmpty());
        assertThat(stub.exportState()).isEqualTo(TelemetryStateSnapshot.empty(0));
    }

    @Test
    void stubNeverThrowsAndWarnsOnce() {
        StubTelemetrySink stub = TelemetrySinks.stub();
        try (LogCapture log = LogCapture.of(StubTelemetrySink.class)) {
            assertThatCode(() -> {
                stub.start();
                stub.start();
                stub.emitEvent(null);
                stub.emitEvent(Events.tick(4, 1));
                stub.emitEvent(Events.failure(5, "boom"));
                stub.emitMetric("m", Double.NaN, null);
                stub.setRuntimeVariant(null);
                stub.registerEventSubscriber(null);
                stub.emitManualNarration(null);
                stub.emitManualNarration(ManualNarration.builder("hello").build());
                stub.updatePolicyIdentity(null);
                stub.updateRelationshipMetrics(null);
                stub.importConsoleBuffer(null);
                stub.recordSnapshotMigrations(null);
                stub.updateAnnealStatus(null);
                stub.importState(null);
                stub.importState(TelemetryStateSnapshot.empty(3));
                stub.stop();
                stub.stop();
            }).doesNotThrowAnyException();

            assertThat(log.warnings()).containsExactly(StubTelemetrySink.STUB_WARNING,
                    StubTelemetrySink.IMPORT_WARNING);
            assertThat(StubTelemetrySink.STUB_WARNING).isEqualTo("telemetry_stub_active provider=stub "
                    + "message='Telemetry streaming disabled; configure a transport to enable it.'");
        }
        assertThat(stub.currentTick()).isEqualTo(5);
        assertThat(stub.exportState()).isEqualTo(TelemetryStateSnapshot.empty(5));
        assertThat(stub.emitManualNarration(ManualNarration.builder("x").build())).isEmpty();
    }

    @Test
    void stubKeepsTheConsoleWorking() {
        StubTelemetrySink stub = TelemetrySinks.stub();
        stub.emitEvent(Events.tick(2, 0));

        stub.importConsoleBuffer(List.of("telemetry_snapshot", Map.of("name", "relationship_summary",
                "mode", "admin", "args", List.of("alice")), " ", 42));
        List<ConsoleCommand> drained = stub.drainConsoleBuffer();
        stub.emitEvent(TelemetryEvent.consoleResult(2, new ConsoleEvent(drained.get(0),
                ConsoleResult.ok("telemetry_snapshot", null, null, null, 1L, Map.of("ok", true)))));

        assertThat(drained).extracting(ConsoleCommand::name)
                .containsExactly("telemetry_snapshot", "relationship_summary");
        assertThat(drained.get(1).args()).containsExactly("alice");
        assertThat(stub.drainConsoleBuffer()).isEmpty();
        assertThat(stub.latestConsoleResults()).singleElement()
                .satisfies(result -> assertThat(result.tick()).isEqualTo(2L));
        assertThat(stub.consoleHistory()).hasSize(1);
    }
}
