package org.townlet.telemetry.core.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.TelemetryValidationException;
import org.townlet.telemetry.api.event.ConflictSnapshot;
import org.townlet.telemetry.api.event.PolicyIdentity;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.transform.BundledSchemas;
import org.townlet.telemetry.core.transform.TransformChain;
import org.townlet.telemetry.core.transform.TransformPipeline;
import org.townlet.telemetry.core.transform.TransformSpec;
import org.townlet.telemetry.core.transform.ValidationMode;
import org.townlet.telemetry.core.worker.PipelineCounters;
import org.townlet.telemetry.testing.FrameStreamDecoder;
import org.townlet.telemetry.testing.LogCapture;

class PublisherFrameProducerTest {
    private final PipelineCounters counters = new PipelineCounters("recording", "drop_oldest", false, false, false,
            false);

    private static TickRecord record(long seq, long tick, ReadModels models) {
        return new TickRecord(seq, tick, TickRecord.Kind.TICK, models);
    }

    private static ReadModels queues(long cooldown) {
        return ReadModels.builder().queueMetrics(new QueueMetrics(cooldown, 0, 0)).build();
    }

    private static Map<String, Object> decode(EncodedFrame frame) {
        return FrameStreamDecoder.toMaps(FrameStreamDecoder.decodeFrames(List.of(frame))).get(0);
    }

    @Test
    void firstFrameIsSnapshotThenDiffsUntilAKeyframeIsRequested() {
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, true, 0);

        List<FrameKind> kinds = new ArrayList<>();
        kinds.add(producer.encode(record(0, 1, queues(0))).orElseThrow().kind());
        kinds.add(producer.encode(record(1, 2, queues(1))).orElseThrow().kind());
        producer.requestKeyframe();
        kinds.add(producer.encode(record(2, 3, queues(2))).orElseThrow().kind());
        kinds.add(producer.encode(record(3, 500, queues(2))).orElseThrow().kind());

        assertThat(kinds).containsExactly(FrameKind.SNAPSHOT, FrameKind.DIFF, FrameKind.SNAPSHOT, FrameKind.DIFF);
        assertThat(counters.toStatus().keyframesTotal()).isEqualTo(2);
    }

    @Test
    void documentsBuiltAheadGiveTheSameFramesAndNothingTheWorkerPassedIsBuilt() {
        PublisherFrameProducer plain = new PublisherFrameProducer(counters, true, 0);
        PublisherFrameProducer ahead = new PublisherFrameProducer(new PipelineCounters("recording", "drop_oldest",
                false, false, false, false), true, 0);
        List<Map<String, Object>> expected = new ArrayList<>();
        List<Map<String, Object>> actual = new ArrayList<>();
        for (long seq = 0; seq < 6; seq++) {
            TickRecord record = record(seq, seq + 1, queues(seq / 2));
            expected.add(decode(plain.encode(record).orElseThrow()));
            // seq 0, 2, 4 built ahead (as the deriver thread does), the others built by encode itself
            TickRecord slotted = new TickRecord(seq, seq + 1, TickRecord.Kind.TICK, record.models(),
                    new DocumentSlot());
            if (seq % 2 == 0) {
                assertThat(ahead.prebuild(slotted)).isTrue();
                assertThat(ahead.prebuild(slotted)).as("built once").isFalse();
            }
            actual.add(decode(ahead.encode(slotted).orElseThrow()));
            assertThat(slotted.slot().isFilled()).isEqualTo(seq % 2 == 0);
        }

        assertThat(actual).isEqualTo(expected);
        // encode reached seq 5: an older record is no longer built ahead
        assertThat(ahead.prebuild(new TickRecord(4, 5, TickRecord.Kind.TICK, queues(2), new DocumentSlot())))
                .isFalse();
        assertThat(ahead.prebuild(new TickRecord(6, 7, TickRecord.Kind.TICK, queues(3), new DocumentSlot())))
                .isTrue();
    }

    @Test
    void documentsBuiltAheadOnAnotherThreadWhileTheFramesAreEncodedGiveTheSameFrames() throws Exception {
        PublisherFrameProducer plain = new PublisherFrameProducer(counters, true, 0);
        PublisherFrameProducer ahead = new PublisherFrameProducer(new PipelineCounters("recording", "drop_oldest",
                false, false, false, false), true, 0);
        List<TickRecord> records = new ArrayList<>();
        List<Map<String, Object>> expected = new ArrayList<>();
        for (long seq = 0; seq < 400; seq++) {
            TickRecord record = record(seq, seq + 1, queues(seq / 3));
            expected.add(decode(plain.encode(record).orElseThrow()));
            records.add(new TickRecord(seq, seq + 1, TickRecord.Kind.TICK, record.models(), new DocumentSlot()));
        }
        CountDownLatch go = new CountDownLatch(1);
        Thread builder = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (TickRecord record : records) {
                ahead.prebuild(record); // races the encoding below: claims, closed slots and late fills
            }
        }, "test-building-ahead");
        builder.start();

        List<Map<String, Object>> actual = new ArrayList<>();
        go.countDown();
        for (TickRecord record : records) {
            actual.add(decode(ahead.encode(record).orElseThrow()));
        }
        builder.join(30_000);

        assertThat(builder.isAlive()).isFalse();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aBurstBehindTheWorkerIsBuiltAheadInOrderAndOnlyABacklogIsLeftToTheWorker() {
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, true, 0);
        for (long seq = 0; seq < 6; seq++) {
            counters.incrementFramesBuilt(); // the simulation completed ticks 1-6, a burst
        }
        producer.encode(record(0, 1, queues(0))).orElseThrow(); // the worker is at the first of them

        // five records wait behind the worker's: a burst, not a backlog, so the next one is built ahead
        assertThat(producer.prebuild(new TickRecord(1, 2, TickRecord.Kind.TICK, queues(0), new DocumentSlot())))
                .isTrue();

        for (long seq = 6; seq < 6 + PublisherFrameProducer.BURST; seq++) {
            counters.incrementFramesBuilt();
        }
        // now more than a burst waits: the worker takes the next two itself, so this thread starts past them
        assertThat(producer.prebuild(new TickRecord(2, 3, TickRecord.Kind.TICK, queues(0), new DocumentSlot())))
                .isFalse();
        assertThat(producer.prebuild(new TickRecord(3, 4, TickRecord.Kind.TICK, queues(0), new DocumentSlot())))
                .isTrue();
    }

    @Test
    void nonFiniteValuesOfADocumentBuiltAheadCountWhenItIsUsedAndNotWhenItIsThrownAway() {
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, true, 0);
        ReadModels withNaN = ReadModels.builder().embeddingMetrics(Map.of("reuse_rate", Double.NaN)).build();
        TickRecord used = new TickRecord(0, 1, TickRecord.Kind.TICK, withNaN, new DocumentSlot());
        TickRecord dropped = new TickRecord(1, 2, TickRecord.Kind.TICK, withNaN, new DocumentSlot());

        try (LogCapture log = LogCapture.of(SnapshotDocumentBuilder.class)) {
            assertThat(producer.prebuild(used)).isTrue();
            assertThat(producer.prebuild(dropped)).isTrue();
            assertThat(counters.toStatus().nonfiniteValuesTotal()).as("nothing counted while building ahead").isZero();

            Map<String, Object> frame = decode(producer.encode(used).orElseThrow());
            assertThat(frame.get("embedding_metrics")).isEqualTo(Collections.singletonMap("reuse_rate", null));
            assertThat(counters.toStatus().nonfiniteValuesTotal()).isEqualTo(1);
            // the next frame is built by the worker itself (seq 1 was dropped: its document is never used)
            producer.encode(record(2, 3, withNaN)).orElseThrow();
            assertThat(counters.toStatus().nonfiniteValuesTotal()).isEqualTo(2);
            // one warning for the section, whichever builder met it first
            assertThat(log.warnings()).containsExactly(
                    "telemetry_nonfinite_value section=embedding_metrics path=embedding_metrics.reuse_rate");
        }
    }

    @Test
    void aDocumentBuiltAheadCarriesTheTransportStatusOfWhenItIsEncoded() {
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, true, 0);
        TickRecord record = new TickRecord(0, 1, TickRecord.Kind.TICK, queues(0), new DocumentSlot());
        assertThat(producer.prebuild(record)).isTrue();

        counters.addTransformDrops(3); // the pipeline moved on after the document was built

        Map<String, Object> frame = decode(producer.encode(record).orElseThrow());
        @SuppressWarnings("unchecked")
        Map<String, Object> transport = (Map<String, Object>) frame.get("transport");
        assertThat(((Number) transport.get("frames_dropped_total")).longValue()).isEqualTo(3);
    }

    @Test
    void keyframeIntervalCountsFromTheLastSnapshot() {
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, true, 10);

        List<Long> snapshotTicks = new ArrayList<>();
        long seq = 0;
        for (long tick : new long[] {1, 5, 10, 11, 12, 21, 30, 31}) {
            if (tick == 12) {
                producer.requestKeyframe();
            }
            EncodedFrame frame = producer.encode(record(seq++, tick, queues(tick))).orElseThrow();
            if (frame.kind() == FrameKind.SNAPSHOT) {
                snapshotTicks.add(tick);
            }
        }

        assertThat(snapshotTicks).containsExactly(1L, 11L, 12L, 30L);
    }

    @Test
    void diffDisabledMakesEveryFrameASnapshot() {
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, false, 100);

        assertThat(producer.encode(record(0, 1, queues(0))).orElseThrow().kind()).isEqualTo(FrameKind.SNAPSHOT);
        assertThat(producer.encode(record(1, 2, queues(0))).orElseThrow().kind()).isEqualTo(FrameKind.SNAPSHOT);
    }

    @Test
    void redactionHappensBeforeDiffing() {
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, true, 0);
        ReadModels first = ReadModels.builder().policyIdentity(new PolicyIdentity("a", "1", null, null)).build();
        ReadModels second = first.toBuilder().policyIdentity(new PolicyIdentity("a", "2", null, null)).build();

        Map<String, Object> snapshot = decode(producer.encode(record(0, 1, first)).orElseThrow());
        Map<String, Object> diff = decode(producer.encode(record(1, 2, second)).orElseThrow());

        assertThat(snapshot).doesNotContainKey("policy_identity");
        assertThat(diff).containsEntry("changes", Map.of());
    }

    @Test
    void frameDroppedByATransformYieldsNoFrameAndForcesAKeyframe() {
        TransformPipeline pipeline = TransformPipeline.of(List.of(new TransformSpec.EnsureFields(
                Map.of(FrameKind.DIFF, List.of("never_there")), List.of("tick"))));
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, true, 0, TransformChain.of(pipeline),
                failure -> {
                    throw failure;
                });

        assertThat(producer.encode(record(0, 1, queues(0)))).isPresent();
        assertThat(producer.encode(record(1, 2, queues(1)))).isEmpty();
        assertThat(producer.encode(record(2, 3, queues(1))).orElseThrow().kind()).isEqualTo(FrameKind.SNAPSHOT);
        assertThat(producer.transforms().stats().missingFieldDrops()).isEqualTo(1);
    }

    @Test
    void raisedValidationFailureIsHandedOverAndTheFrameDropped() {
        TransformPipeline pipeline = TransformPipeline.of(List.of(new TransformSpec.SchemaValidator(
                Map.of(FrameKind.SNAPSHOT, BundledSchemas.source(FrameKind.SNAPSHOT)), ValidationMode.RAISE)));
        List<TelemetryValidationException> raised = new ArrayList<>();
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, true, 0, TransformChain.of(pipeline),
                raised::add);
        List<Number> tooLong = new ArrayList<>(Collections.nCopies(51, 0.0));
        ReadModels invalid = ReadModels.builder().kpiHistory(Map.of("queue_conflict_intensity", tooLong)).build();

        assertThat(producer.encode(record(0, 1, invalid))).isEmpty();
        assertThat(raised).singleElement().satisfies(failure -> assertThat(failure.getMessage())
                .startsWith("Telemetry event kind 'snapshot' failed schema validation: ")
                .contains("kpi_history"));
        assertThat(producer.encode(record(1, 2, ReadModels.EMPTY)).orElseThrow().kind())
                .isEqualTo(FrameKind.SNAPSHOT);
        assertThat(producer.transforms().stats().validationRaises()).isEqualTo(1);
    }

    @Test
    void encodedFrameIsOneCompactUtf8LineWithDecimalDoubles() {
        PublisherFrameProducer producer = new PublisherFrameProducer(counters, true, 0);
        ReadModels models = ReadModels.builder()
                .runtimeVariant("façade")
                .economySettings(Map.of("wage", 1.0))
                .build();

        EncodedFrame frame = producer.encode(record(0, 1, models)).orElseThrow();

        String text = new String(frame.bytes(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").doesNotContain("\n{").doesNotContain(": ").doesNotContain(", ");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        assertThat(text).startsWith("{\"schema_version\":\"0.9.9\",\"payload_type\":\"snapshot\",\"seq\":0,\"tick\":1,")
                .contains("\"runtime_variant\":\"façade\"")
                .contains("\"economy_settings\":{\"wage\":1.0}")
                .contains("\"queue_metrics\":{\"cooldown_events\":0,");
        assertThat(frame.seq()).isZero();
        assertThat(frame.tick()).isEqualTo(1);
    }

    @Test
    void unchangedSourcesReuseTheirConvertedSection() {
        SnapshotDocumentBuilder builder = new SnapshotDocumentBuilder(
                () -> TransportStatus.initial("recording", "drop_oldest"), () -> {
                });
        ReadModels models = ReadModels.builder()
                .conflict(new ConflictSnapshot(new QueueMetrics(1, 2, 3), null, null, null))
                .build();

        Map<String, Object> first = builder.build(record(0, 1, models));
        Map<String, Object> second = builder.build(record(1, 2, models.toBuilder().currentTick(2).build()));

        assertThat(second.get("conflict")).isSameAs(first.get("conflict"));
        assertThat(second.get("queue_metrics")).isSameAs(first.get("queue_metrics"));
        assertThat(second.get("tick")).isEqualTo(2L);
    }

    @Test
    void nonFiniteValuesAreNulledCountedAndWarnedOncePerSection() {
        AtomicLong nonfinite = new AtomicLong();
        SnapshotDocumentBuilder builder = new SnapshotDocumentBuilder(
                () -> TransportStatus.initial("recording", "drop_oldest"), nonfinite::incrementAndGet);
        ReadModels models = ReadModels.builder()
                .rewardBreakdown(Map.of("alice", Map.of("total", Double.NaN)))
                .conflict(new ConflictSnapshot(null, null, Map.of("alice", Map.of("bob", Double.NEGATIVE_INFINITY)),
                        null))
                .build();

        try (LogCapture log = LogCapture.of(SnapshotDocumentBuilder.class)) {
            Map<String, Object> document = builder.build(record(0, 1, models));
            builder.build(record(1, 2, models));

            assertThat(nonfinite).hasValue(4);
            assertThat(((Map<?, ?>) document.get("reward_breakdown")).get("alice"))
                    .isEqualTo(java.util.Collections.singletonMap("total", null));
            assertThat(log.warnings()).containsExactly(
                    "telemetry_nonfinite_value section=conflict path=conflict.rivalry.alice.bob",
                    "telemetry_nonfinite_value section=reward_breakdown path=reward_breakdown.alice.total");
        }
    }
}
