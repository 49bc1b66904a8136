package org.townlet.telemetry.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.townlet.telemetry.core.publish.PublisherHarness.WAIT;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.event.ConsoleCommand;
import org.townlet.telemetry.api.event.ConsoleEvent;
import org.townlet.telemetry.api.event.ConsoleResult;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.ManualNarration;
import org.townlet.telemetry.api.event.NarrationLimiterState;
import org.townlet.telemetry.api.event.PolicyAnneal;
import org.townlet.telemetry.api.event.PolicyMetadata;
import org.townlet.telemetry.api.event.SnapshotMigrations;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;
import org.townlet.telemetry.api.status.TransportStatus;

/** State export and import (SPEC §14). */
class PublisherStateTest {
    private final PublisherHarness harness = new PublisherHarness();

    @AfterEach
    void stopPublishers() {
        harness.close();
    }

    /** Drives {@code publisher} until every key of its state has a non-empty value. */
    private static void fillEverything(TelemetryPublisher publisher) {
        publisher.emitEvent(TelemetryEvent.policyMetadata(1, new PolicyMetadata("scripted",
                Map.of("identity", Map.of("policy_hash", "abc123")))));
        publisher.emitEvent(TelemetryEvent.policyAnneal(1, new PolicyAnneal("scripted", 0.5, Map.of("cycle", 1))));
        for (int tick = 1; tick <= 4; tick++) {
            publisher.emitEvent(Events.tick(tick, Worlds.rich(tick)));
            publisher.emitEvent(TelemetryEvent.stabilityMetrics(tick, new StabilityMetrics(Map.of(
                    "alerts", List.of("rivalry_spike"), "promotion_state", Map.of("state", "monitoring")))));
            publisher.emitEvent(TelemetryEvent.consoleResult(tick, new ConsoleEvent(ConsoleCommand.of("help"),
                    ConsoleResult.ok("help", "c" + tick, "ops", null, 1L, Map.of("commands", List.of("help"))))));
            publisher.emitMetric("world.events.count", tick, Map.of("tick", String.valueOf(tick)));
            publisher.emitEvent(Events.health(tick));
        }
        LoopTick last = Worlds.rich(5).toBuilder()
                .events(List.of(WorldEvent.of("affordance_precondition_fail", "agent_id", "bob", "object_id",
                        "stove_1"), WorldEvent.of("affordance_start", "agent_id", "alice", "object_id", "bed_1")))
                .build();
        publisher.emitEvent(Events.tick(5, last));
        publisher.emitManualNarration(ManualNarration.builder("The town wakes up.").priority(true).build());
        publisher.emitEvent(Events.health(5));
        publisher.emitEvent(TelemetryEvent.snapshotMigrations(5, new SnapshotMigrations(List.of("v0_to_v1"))));
        publisher.updateAnnealStatus(Map.of("anneal_ratio", 0.75));
        publisher.importConsoleBuffer(List.of("help", Map.of("name", "possess", "args", List.of("alice"))));
    }

    private static TelemetryStateSnapshot withoutLivePipeline(TelemetryStateSnapshot state) {
        return state.toBuilder().transportStatus(null).transportBufferPending(0).build();
    }

    @Test
    void exportImportRoundTripsEverything() throws Exception {
        TelemetryPublisher first = harness.started(PublisherSettings.DEFAULTS);
        fillEverything(first);
        TelemetryStateSnapshot exported = first.exportState();
        for (RecordComponent component : TelemetryStateSnapshot.class.getRecordComponents()) {
            if (component.getType().isPrimitive()) {
                continue;
            }
            Object value = component.getAccessor().invoke(exported);
            assertThat(value).as(component.getName()).isNotNull();
            if (value instanceof Map<?, ?> map) {
                assertThat(map).as(component.getName()).isNotEmpty();
            } else if (value instanceof List<?> list) {
                assertThat(list).as(component.getName()).isNotEmpty();
            }
        }
        assertThat(exported.narrationState().windowEmissions()).isNotEmpty();
        assertThat(exported.kpiHistory().get("late_help_events")).hasSize(5);

        TelemetryPublisher second = harness.started(PublisherSettings.DEFAULTS);
        second.importState(exported);
        TelemetryStateSnapshot reexported = second.exportState();

        assertThat(withoutLivePipeline(reexported)).isEqualTo(withoutLivePipeline(exported));
        assertThat(second.latestNarrationState()).isEqualTo(exported.narrationState());
        assertThat(second.kpiHistory()).isEqualTo(exported.kpiHistory());
        assertThat(second.drainConsoleBuffer()).extracting(ConsoleCommand::name).containsExactly("help", "possess");
        // The limiter itself was restored, not only its view: the manual narration's key is still deduplicated.
        assertThat(second.emitManualNarration(ManualNarration.builder("The town wakes up.").priority(true).build()))
                .isEmpty();
    }

    @Test
    void importAbsentKeysResetToDefaults() {
        TelemetryPublisher publisher = harness.started(PublisherSettings.DEFAULTS);
        fillEverything(publisher);

        publisher.importState(TelemetryStateSnapshot.builder().currentTick(9).build());

        assertThat(withoutLivePipeline(publisher.exportState()))
                .isEqualTo(withoutLivePipeline(TelemetryStateSnapshot.empty(9)));
        assertThat(publisher.latestNarrationState()).isEqualTo(NarrationLimiterState.INITIAL);
        assertThat(publisher.drainConsoleBuffer()).isEmpty();
        assertThat(publisher.latestAnnealStatus()).isEmpty();
        assertThat(publisher.latestPolicyIdentity()).isEmpty();
        assertThat(publisher.currentTick()).isEqualTo(9);
    }

    @Test
    void importedTiesAreThePreviousSnapshotSoNoSpuriousUpdatesFollow() {
        TelemetryPublisher publisher = harness.started(PublisherSettings.DEFAULTS);
        publisher.emitEvent(Events.tick(1, Worlds.rich(1)));
        TelemetryStateSnapshot state = publisher.exportState();

        TelemetryPublisher restored = harness.started(PublisherSettings.DEFAULTS);
        restored.importState(state);
        restored.emitEvent(Events.tick(2, Worlds.rich(1).toBuilder().build()));

        assertThat(restored.latestRelationshipUpdates()).isEmpty();
    }

    @Test
    void importForcesKeyframeAndCountsClearedBuffer() {
        TelemetryPublisher publisher = harness.unstarted(PublisherSettings.DEFAULTS, PublisherHarness.FAST);
        for (int tick = 1; tick <= 2; tick++) {
            publisher.emitEvent(Events.tick(tick, Worlds.rich(tick)));
            publisher.emitEvent(Events.health(tick));
        }
        TelemetryStateSnapshot state = publisher.exportState();

        // Before start() the two frames wait in the buffer: the import drops and counts them.
        publisher.importState(state);
        assertThat(publisher.transportStatus().droppedMessages()).isEqualTo(2);
        publisher.start();
        for (int tick = 3; tick <= 4; tick++) {
            publisher.emitEvent(Events.tick(tick, Worlds.rich(tick)));
            publisher.emitEvent(Events.health(tick));
        }
        harness.transport.awaitFrames(2, WAIT);
        // A diff base exists now; importing again makes the next frame a keyframe.
        publisher.importState(publisher.exportState());
        publisher.emitEvent(Events.tick(5, Worlds.rich(5)));
        publisher.emitEvent(Events.health(5));
        publisher.stop();

        assertThat(harness.transport.seqs()).containsExactly(2L, 3L, 4L);
        assertThat(harness.frames()).extracting(frame -> frame.get("payload_type"))
                .containsExactly("snapshot", "diff", "snapshot");
        TransportStatus status = publisher.transportStatus();
        assertThat(status.framesBuiltTotal()).isEqualTo(5);
        assertThat(status.framesDroppedTotal()).isEqualTo(2);
        assertThat(status.framesBuiltTotal()).isEqualTo(status.payloadsSentTotal() + status.framesDroppedTotal());
    }

    @Test
    void higherStateVersionIsRejected() {
        assertThatThrownBy(() -> TelemetryStateSnapshot.builder().stateVersion(2).build())
                .hasMessage("unsupported telemetry state_version 2; supported: 1");
    }
}
