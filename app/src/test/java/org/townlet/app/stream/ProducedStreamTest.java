package org.townlet.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.townlet.telemetry.testing.FrameAssertions.assertThatFrames;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.sim.SimulationConfig;
import org.townlet.sim.SimulationLoop;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.core.consume.ConsumerCounters;
import org.townlet.telemetry.core.consume.StreamConsumer;
import org.townlet.telemetry.core.encode.SnapshotDocumentBuilder;
import org.townlet.telemetry.core.publish.PublisherSettings;
import org.townlet.telemetry.core.publish.TelemetryPublisher;
import org.townlet.telemetry.core.transform.BundledSchemas;
import org.townlet.telemetry.core.transform.TransformPipeline;
import org.townlet.telemetry.core.transform.TransformSpec;
import org.townlet.telemetry.core.transform.ValidationMode;
import org.townlet.telemetry.core.worker.BackpressureStrategy;
import org.townlet.telemetry.core.worker.WorkerSettings;
import org.townlet.telemetry.testing.FrameStreamDecoder;
import org.townlet.telemetry.testing.RecordingTransport;

/**
 * The real simulation driving the real publisher: every frame it produces passes the bundled schemas, and the stream
 * replays through the reference consumer into a complete state (SPEC §9, §10.4, §21 "Transforms").
 */
class ProducedStreamTest {
    private static final int TICKS = 500;

    /** The default pipeline with the validator raising instead of dropping: an invalid frame fails the run. */
    private static TransformPipeline defaultPipelineThatRaises() {
        List<TransformSpec> specs = new ArrayList<>();
        for (TransformSpec spec : TransformPipeline.DEFAULT.transforms()) {
            specs.add(spec instanceof TransformSpec.SchemaValidator validator
                    ? new TransformSpec.SchemaValidator(validator.schemas(), ValidationMode.RAISE) : spec);
        }
        return TransformPipeline.of(specs);
    }

    private static List<JsonNode> run(RecordingTransport transport, TelemetryPublisher[] holder) {
        TelemetryPublisher publisher = TelemetryPublisher.builder()
                .settings(PublisherSettings.builder().transforms(defaultPipelineThatRaises()).build())
                .workerSettings(WorkerSettings.DEFAULTS.toBuilder().backpressure(BackpressureStrategy.BLOCK).build())
                .transport("recording", context -> transport)
                .seed(42)
                .build();
        holder[0] = publisher;
        SimulationLoop loop = new SimulationLoop(SimulationConfig.defaults(), publisher, System::nanoTime,
                "recording", publisher);
        assertThat(loop.run(TICKS)).isEqualTo(TICKS);
        return FrameStreamDecoder.decodeFrames(transport.frames());
    }

    @Test
    void bundledSchemasAcceptEveryProducedFrame() {
        RecordingTransport transport = new RecordingTransport();
        TelemetryPublisher[] publisher = new TelemetryPublisher[1];

        List<JsonNode> frames = run(transport, publisher);

        assertThat(frames).hasSize(TICKS);
        for (JsonNode frame : frames) {
            assertThat(BundledSchemas.validate(frame)).as("frame seq %s", frame.get("seq")).isEmpty();
        }
        assertThatFrames(frames).hasContiguousSeqFromZero().startsWithSnapshot().allHaveCurrentSchemaVersion();
        assertThat(frames.stream().filter(frame -> "snapshot".equals(frame.path("payload_type").asText()))
                .map(frame -> frame.path("tick").asLong()).toList()).containsExactly(1L, 101L, 201L, 301L, 401L);
        assertThat(transport.lines()).noneMatch(line -> line.contains("\"policy_identity\""));
        assertThat(publisher[0].transformStats().framesValidated()).isEqualTo(TICKS);
        assertThat(publisher[0].transformStats().validationFailures()).isZero();
        TransportStatus status = publisher[0].transportStatus();
        assertThat(status.framesDroppedTotal()).isZero();
        assertThat(status.framesBuiltTotal()).isEqualTo(status.payloadsSentTotal());
    }

    @Test
    void streamReplaysThroughTheReferenceConsumerIntoACompleteState() {
        RecordingTransport transport = new RecordingTransport();
        run(transport, new TelemetryPublisher[1]);
        StreamConsumer consumer = StreamConsumer.create();

        for (String line : transport.lines()) {
            assertThat(consumer.accept(line).applied()).as(line).isTrue();
        }

        ConsumerCounters counters = consumer.counters();
        assertThat(counters.frames()).isEqualTo(TICKS);
        assertThat(counters.snapshots()).isEqualTo(5);
        assertThat(counters.diffs()).isEqualTo(TICKS - 5);
        assertThat(counters.anyProblem()).isFalse();
        assertThat(consumer.stale()).isFalse();
        Map<String, Object> state = consumer.state();
        List<String> sections = new ArrayList<>(SnapshotDocumentBuilder.SNAPSHOT_KEYS);
        sections.remove("policy_identity");
        assertThat(state.keySet()).containsExactlyInAnyOrderElementsOf(sections);
        assertThat(((Number) state.get("tick")).longValue()).isEqualTo(TICKS);
        assertThat(((Number) state.get("seq")).longValue()).isEqualTo(TICKS - 1);
        for (String section : List.of("jobs", "economy", "utilities", "employment", "relationship_snapshot",
                "transport", "conflict", "health")) {
            assertThat(state.get(section)).as(section).isInstanceOfSatisfying(Map.class,
                    value -> assertThat(value).as(section).isNotEmpty());
        }
    }
}
