package org.townlet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.townlet.sim.config.EmploymentSettings;
import org.townlet.sim.config.SnapshotSettings;
import org.townlet.telemetry.api.event.EventTypes;
import org.townlet.telemetry.api.event.LoopFailure;
import org.townlet.telemetry.api.event.StabilityMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.testing.ManualTicker;
import org.townlet.telemetry.testing.RecordingSink;

/** Simulation snapshots (SPEC §17.9). */
class SnapshotTest {
    @TempDir
    Path dir;

    /** Exits, replacements, an outage, a price spike and queue traffic all happen within the first 400 ticks. */
    private static SimulationConfig busyTown() {
        return SimulationConfig.builder().agents(12).ticksPerDay(300)
                .employment(EmploymentSettings.builder().latenessExitThreshold(2).reviewWindow(40)
                        .replacementDelayTicks(10).build())
                .build();
    }

    private static List<TelemetryEvent> ticksAfter(RecordingSink sink, long tick) {
        return sink.events().stream().filter(event -> event.tick() > tick)
                .filter(event -> event.eventType().equals(EventTypes.LOOP_TICK)
                        || event.eventType().equals(EventTypes.STABILITY_METRICS))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"busy_town", "queue_conflict"})
    void aRunContinuedFromASnapshotMatchesOneThatNeverStopped(String name) throws IOException {
        SimulationConfig config = name.equals("busy_town") ? busyTown()
                : SimulationConfig.builder().scenario(name).build();
        long split = name.equals("busy_town") ? 200 : 36;
        RecordingSink straight = new RecordingSink();
        new SimulationLoop(config, straight, new ManualTicker()).run(400);

        RecordingSink before = new RecordingSink();
        SimulationLoop first = new SimulationLoop(config, before, new ManualTicker(), "test",
                new FixedInspector(before::currentTick));
        first.run(split);
        Path file = first.saveSnapshot(dir.resolve("a/b/snapshot.json"));

        RecordingSink after = new RecordingSink();
        SimulationLoop second = new SimulationLoop(config, after, new ManualTicker());
        second.loadSnapshot(file);
        assertThat(second.currentTick()).isEqualTo(split);
        second.run(400 - split);

        assertThat(ticksAfter(after, split)).hasSize(2 * (400 - (int) split)).isEqualTo(ticksAfter(straight, split));
        if (name.equals("busy_town")) {
            assertThat(second.town().exitsTotal()).isPositive();
        } else {
            assertThat(second.town().queueMetrics().ghostStepEvents()).isPositive();
        }
    }

    @Test
    void loadImportsTheTelemetryStateThenEmitsStabilityAndIdentity() throws IOException {
        RecordingSink before = new RecordingSink();
        SimulationLoop first = new SimulationLoop(SimulationConfig.defaults(), before, new ManualTicker(), "test",
                new FixedInspector(before::currentTick));
        first.run(30);
        Path file = first.saveSnapshot(dir.resolve("snapshot.json"));
        assertThat(before.policyIdentity()).isPresent();
        assertThat(Files.readString(file)).startsWith("{\"snapshot_version\":1,\"tick\":30,\"seed\":42,\"rng\":{");

        RecordingSink after = new RecordingSink();
        new SimulationLoop(SimulationConfig.defaults(), after, new ManualTicker()).loadSnapshot(file);

        assertThat(after.importedStates()).singleElement().satisfies(state -> {
            assertThat(state.currentTick()).isEqualTo(30);
            assertThat(state.runtimeVariant()).isEqualTo(FixedInspector.MARKER);
        });
        assertThat(after.events()).singleElement().satisfies(event -> {
            assertThat(event.eventType()).isEqualTo(EventTypes.STABILITY_METRICS);
            assertThat(event.tick()).isEqualTo(30);
            assertThat(((StabilityMetrics) event.payload()).metrics()).containsKey("promotion_state");
        });
        assertThat(after.policyIdentity()).isEqualTo(before.policyIdentity());
    }

    @Test
    void savingNeedsAnInspectorAndLoadingChecksTheVersion() throws IOException {
        SimulationLoop loop = new SimulationLoop(SimulationConfig.defaults(), new RecordingSink(), new ManualTicker());
        assertThatThrownBy(() -> loop.saveSnapshot(dir.resolve("x.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("saving a snapshot needs the sink's TelemetryInspector (exportState); this loop was given "
                        + "none");

        Path future = Files.writeString(dir.resolve("future.json"), "{\"snapshot_version\":2}");
        assertThatThrownBy(() -> loop.loadSnapshot(future))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported snapshot_version 2; supported: 1");

        RecordingSink sink = new RecordingSink();
        SimulationLoop small = new SimulationLoop(SimulationConfig.builder().agents(2).build(), sink,
                new ManualTicker(), "test", new FixedInspector(sink::currentTick));
        Path snapshot = small.saveSnapshot(dir.resolve("small.json"));
        SimulationLoop large = new SimulationLoop(SimulationConfig.builder().agents(20).build(), new RecordingSink(),
                new ManualTicker());
        assertThatThrownBy(() -> large.loadSnapshot(snapshot))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("snapshot objects [bed_1, fridge_1, shower_1, stove_1] do not match this "
                        + "town's [bed_1, bed_10, ");
    }

    @Test
    void aFailedStepWritesAFailureSnapshotWhenConfigured() {
        JournalSink sink = new JournalSink()
                .failOn(event -> event.eventType().equals(EventTypes.LOOP_TICK) && event.tick() == 3);
        SimulationConfig config = SimulationConfig.builder()
                .snapshot(new SnapshotSettings(true, dir.resolve("snaps").toString())).build();
        SimulationLoop loop = new SimulationLoop(config, sink, new ManualTicker(), "test",
                new FixedInspector(() -> 2));

        assertThatThrownBy(() -> loop.run(10)).isInstanceOf(SimulationLoopException.class);

        LoopFailure failure = (LoopFailure) sink.recording.events(EventTypes.LOOP_FAILURE).get(0).payload();
        assertThat(failure.snapshotPath()).isNotNull()
                .matches(".*/snaps/failures/tick_000000003_\\d{8}T\\d{6}/snapshot\\.json");
        assertThat(Path.of(failure.snapshotPath())).exists();
    }
}
