package org.townlet.telemetry.core.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.core.consume.LineOutcome.Kind;
import org.townlet.telemetry.testing.LogCapture;

/** SPEC §9.6, rule by rule. */
class StreamConsumerTest {
    private final StreamConsumer consumer = StreamConsumer.create();
    private LogCapture log;

    @BeforeEach
    void captureLogs() {
        log = LogCapture.of(StreamConsumer.class);
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    static String snapshot(long seq, long tick) {
        return "{\"schema_version\":\"0.9.9\",\"payload_type\":\"snapshot\",\"seq\":" + seq + ",\"tick\":" + tick
                + ",\"employment\":{\"exit_queue\":[]},\"jobs\":{\"alice\":{\"job_id\":\"cook\"}},\"conflict\":{\"queues\":{}},"
                + "\"economy\":{\"gold\":1},\"utilities\":{\"water\":true}}";
    }

    static String diff(long seq, long tick, String changes) {
        return "{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":" + seq + ",\"tick\":" + tick
                + ",\"changes\":" + changes + "}";
    }

    // ------------------------------------------------------------------------------------------------ rule 1

    @Test
    void oversizeLinesAreSkippedAndCounted() {
        StreamConsumer small = StreamConsumer.builder().maxLineBytes(40).build();

        LineOutcome outcome = small.accept("{\"payload_type\":\"snapshot\",\"padding\":\"" + "x".repeat(40) + "\"}");

        assertThat(outcome.kind()).isEqualTo(Kind.OVERSIZE_LINE);
        assertThat(outcome.frame()).isFalse();
        assertThat(small.counters().oversizeLines()).isEqualTo(1);
        assertThat(small.counters().frames()).isZero();
        assertThat(small.accept(new LineReader.Line.Oversize(1_000_000)).kind()).isEqualTo(Kind.OVERSIZE_LINE);
        assertThat(small.counters().oversizeLines()).isEqualTo(2);
        assertThat(StreamConsumer.create().maxLineBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void linesThatAreNotJsonObjectsAreMalformedAndSkipped() {
        for (String line : List.of("not json", "[1,2,3]", "42", "\"text\"", "", "{\"seq\":1} trailing",
                "{\"seq\":", "{\"seq\":\"7\",\"payload_type\":\"snapshot\"}", "{\"seq\":-1}")) {
            assertThat(consumer.accept(line).kind()).as(line).isEqualTo(Kind.MALFORMED_LINE);
        }

        assertThat(consumer.counters().malformedLines()).isEqualTo(9);
        assertThat(consumer.counters().frames()).isZero();
        assertThat(consumer.hasState()).isFalse();
        assertThat(consumer.accept(snapshot(0, 1)).kind()).as("errors are never fatal")
                .isEqualTo(Kind.SNAPSHOT_APPLIED);
    }

    @Test
    void ackRequestIsAControlLineNotAFrame() {
        assertThat(consumer.accept("{\"ack_request\":true}").kind()).isEqualTo(Kind.ACK_REQUEST);
        assertThat(consumer.accept("{\"ack_request\":true}\n").kind()).isEqualTo(Kind.ACK_REQUEST);
        assertThat(consumer.accept("{ \"ack_request\" : true }").kind()).isEqualTo(Kind.ACK_REQUEST);

        assertThat(consumer.counters()).isEqualTo(ConsumerCounters.ZERO);
        assertThat(consumer.lastSeq()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ rule 2

    @Test
    void missingPayloadTypeMeansSnapshot() {
        String preV099 = "{\"schema_version\":\"0.9.2\",\"tick\":5,\"employment\":{},\"jobs\":{},\"conflict\":{}}";

        LineOutcome outcome = consumer.accept(preV099);

        assertThat(outcome.kind()).isEqualTo(Kind.SNAPSHOT_APPLIED);
        assertThat(outcome.seq()).isEmpty();
        assertThat(consumer.state()).containsEntry("tick", 5);
        assertThat(consumer.counters().snapshots()).isEqualTo(1);
    }

    @Test
    void unknownPayloadTypeIsCountedAndSkipped() {
        LineOutcome outcome = consumer.accept("{\"schema_version\":\"0.9.9\",\"payload_type\":\"delta\",\"seq\":0}");

        assertThat(outcome.kind()).isEqualTo(Kind.UNKNOWN_PAYLOAD_TYPE);
        assertThat(outcome.seq()).hasValue(0);
        assertThat(outcome.frame()).isFalse();
        assertThat(consumer.counters().unknownPayloadTypes()).isEqualTo(1);
        assertThat(consumer.lastSeq()).as("rule 4 is not reached").isEmpty();
        assertThat(consumer.accept("{\"payload_type\":7}").kind()).isEqualTo(Kind.UNKNOWN_PAYLOAD_TYPE);
    }

    // ------------------------------------------------------------------------------------------------ rule 3

    @Test
    void schemaGateWarnsOnSameMajorAndRejectsOtherMajor() {
        StreamConsumer nine = StreamConsumer.builder().expectedSchemaPrefix("0.9").build();
        String v040 = "{\"schema_version\":\"0.4.0\",\"payload_type\":\"snapshot\",\"seq\":0,\"tick\":1,"
                + "\"employment\":{},\"jobs\":{},\"conflict\":{}}";

        assertThat(nine.accept(v040).kind()).isEqualTo(Kind.SNAPSHOT_APPLIED);
        assertThat(nine.accept(v040.replace("\"seq\":0", "\"seq\":1")).kind()).isEqualTo(Kind.SNAPSHOT_APPLIED);
        assertThat(nine.counters().schemaWarnings()).as("one warning per reported version").isEqualTo(1);
        assertThat(log.messages()).containsExactly("Client supports schema prefix 0.9, but shard reported 0.4.0.");

        StreamConsumer seven = StreamConsumer.builder().expectedSchemaPrefix("0.7").build();
        String v100 = "{\"schema_version\":\"1.0.0\",\"payload_type\":\"snapshot\",\"seq\":0,\"tick\":1,"
                + "\"employment\":{},\"jobs\":{},\"conflict\":{}}";
        LineOutcome rejected = seven.accept(v100);
        assertThat(rejected.kind()).isEqualTo(Kind.SCHEMA_MISMATCH);
        assertThat(rejected.frame()).isFalse();
        assertThat(seven.counters().schemaMismatches()).isEqualTo(1);
        assertThat(seven.hasState()).isFalse();

        StreamConsumer strict = StreamConsumer.builder().expectedSchemaPrefix("0.7").strict(true).build();
        assertThatThrownBy(() -> strict.accept(v100))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageStartingWith("Client supports schema prefix 0.7, but shard reported 1.0.0")
                .satisfies(e -> {
                    SchemaMismatchException mismatch = (SchemaMismatchException) e;
                    assertThat(mismatch.expectedPrefix()).isEqualTo("0.7");
                    assertThat(mismatch.reportedVersion()).isEqualTo("1.0.0");
                });
        assertThat(strict.counters().schemaMismatches()).as("counted before throwing").isEqualTo(1);
        assertThat(strict.accept(snapshot(0, 1).replace("0.9.9", "0.7.1")).kind())
                .as("a strict consumer stays usable").isEqualTo(Kind.SNAPSHOT_APPLIED);
    }

    @Test
    void currentSchemaPassesWithoutWarning() {
        consumer.accept(snapshot(0, 1));

        assertThat(consumer.counters().schemaWarnings()).isZero();
        assertThat(log.messages()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ rule 4

    @Test
    void firstFrameOnlyInitialisesTheSequence() {
        LineOutcome outcome = consumer.accept(snapshot(41, 42));

        assertThat(outcome.missing()).isZero();
        assertThat(consumer.counters().gaps()).isZero();
        assertThat(consumer.lastSeq()).hasValue(41);
        assertThat(consumer.stale()).isFalse();
    }

    @Test
    void gapsCountMissingSeqsAndMarkTheStateStaleUntilASnapshot() {
        consumer.accept(snapshot(0, 1));
        consumer.accept(diff(1, 2, "{\"economy\":{\"gold\":2}}"));

        LineOutcome afterGap = consumer.accept(diff(5, 6, "{\"economy\":{\"gold\":6}}"));

        assertThat(afterGap.kind()).isEqualTo(Kind.DIFF_APPLIED);
        assertThat(afterGap.missing()).isEqualTo(3);
        assertThat(consumer.counters().gaps()).isEqualTo(3);
        assertThat(consumer.stale()).isTrue();
        assertThat(consumer.state()).containsEntry("economy", Map.of("gold", 6));

        consumer.accept(diff(6, 7, "{}"));
        assertThat(consumer.stale()).isTrue();
        consumer.accept(snapshot(7, 8));
        assertThat(consumer.stale()).isFalse();
        assertThat(consumer.counters().gaps()).isEqualTo(3);
    }

    @Test
    void duplicatesAreIgnoredButASeqZeroSnapshotRestartsTheStream() {
        consumer.accept(snapshot(0, 1));
        consumer.accept(diff(1, 2, "{\"economy\":{\"gold\":2}}"));

        LineOutcome repeated = consumer.accept(diff(1, 2, "{\"economy\":{\"gold\":99}}"));
        LineOutcome older = consumer.accept(snapshot(0, 1).replace("\"payload_type\":\"snapshot\"",
                "\"payload_type\":\"diff\",\"changes\":{}"));

        assertThat(repeated.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(repeated.seq()).hasValue(1);
        assertThat(repeated.frame()).isFalse();
        assertThat(older.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(consumer.counters().duplicates()).isEqualTo(2);
        assertThat(consumer.state()).containsEntry("economy", Map.of("gold", 2));

        LineOutcome restart = consumer.accept(snapshot(0, 1).replace("\"gold\":1", "\"gold\":100"));
        assertThat(restart.kind()).isEqualTo(Kind.SNAPSHOT_APPLIED);
        assertThat(restart.frame()).isTrue();
        assertThat(consumer.counters().streamRestarts()).isEqualTo(1);
        assertThat(consumer.lastSeq()).hasValue(0);
        assertThat(consumer.state()).containsEntry("economy", Map.of("gold", 100));
        assertThat(consumer.accept(diff(1, 2, "{}")).kind()).as("seq 1 of the new stream is new")
                .isEqualTo(Kind.DIFF_APPLIED);
        assertThat(consumer.counters().frames()).isEqualTo(4);
    }

    // ------------------------------------------------------------------------------------------------ rule 5

    @Test
    void invalidSnapshotIsCountedAndSkipped() {
        consumer.accept(snapshot(0, 1));

        for (String broken : List.of(
                snapshot(1, 2).replace("\"employment\":{\"exit_queue\":[]}", "\"employment\":[]"),
                snapshot(2, 3).replace(",\"jobs\":{\"alice\":{\"job_id\":\"cook\"}}", ""),
                snapshot(3, 4).replace("\"conflict\":{\"queues\":{}}", "\"conflict\":null"),
                snapshot(4, 5).replace("\"schema_version\":\"0.9.9\",", ""),
                snapshot(5, 6).replace("\"schema_version\":\"0.9.9\"", "\"schema_version\":\"\""))) {
            LineOutcome outcome = consumer.accept(broken);
            assertThat(outcome.kind()).as(broken).isEqualTo(Kind.INVALID_SNAPSHOT);
            assertThat(outcome.frame()).as("it passed rules 1-3").isTrue();
        }

        assertThat(consumer.counters().invalidSnapshots()).isEqualTo(5);
        assertThat(consumer.state()).containsEntry("seq", 0);
        assertThat(consumer.counters().frames()).isEqualTo(6);
    }

    @Test
    void snapshotReplacesTheWholeState() {
        consumer.accept(snapshot(0, 1));
        consumer.accept(snapshot(1, 2).replace(",\"utilities\":{\"water\":true}", ""));

        assertThat(consumer.state()).doesNotContainKey("utilities").containsEntry("tick", 2);
        assertThat(consumer.counters().snapshots()).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------ rule 6

    @Test
    void diffBeforeAnySnapshotIsCountedAsDiffWithoutBaseAndReported() {
        LineOutcome first = consumer.accept(diff(7, 8, "{\"economy\":{}}"));
        LineOutcome second = consumer.accept(diff(8, 9, "{\"economy\":{}}"));

        assertThat(first.kind()).isEqualTo(Kind.DIFF_WITHOUT_BASE);
        assertThat(first.frame()).as("written by listen --out all the same").isTrue();
        assertThat(second.kind()).isEqualTo(Kind.DIFF_WITHOUT_BASE);
        assertThat(consumer.counters().diffWithoutBase()).isEqualTo(2);
        assertThat(consumer.counters().frames()).isEqualTo(2);
        assertThat(consumer.hasState()).isFalse();
        assertThat(log.messages()).as("reported once, naming the first").containsExactly(
                "Diff seq=7 arrived before any snapshot it could apply to; diffs are counted as diff_without_base "
                        + "and ignored until the next snapshot");

        consumer.accept(snapshot(9, 10));
        assertThat(log.messages()).last().isEqualTo("Snapshot seq=9 applied after 2 diffs without base");
        assertThat(consumer.accept(diff(10, 11, "{}")).kind()).isEqualTo(Kind.DIFF_APPLIED);
    }

    @Test
    void diffReplacesListedTopLevelKeysOverwritesTheEnvelopeAndDeletesRemovedKeys() {
        consumer.accept(snapshot(0, 1));

        LineOutcome outcome = consumer.accept("{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":1,"
                + "\"tick\":2,\"changes\":{\"jobs\":{\"bob\":{\"job_id\":\"smith\"}},\"policy_snapshot\":{}},"
                + "\"removed\":[\"utilities\"]}");

        assertThat(outcome.kind()).isEqualTo(Kind.DIFF_APPLIED);
        Map<String, Object> state = consumer.state();
        assertThat(state.get("jobs")).as("replaced, not merged").isEqualTo(Map.of("bob", Map.of("job_id", "smith")));
        assertThat(state).containsEntry("policy_snapshot", Map.of())
                .containsEntry("seq", 1).containsEntry("tick", 2)
                .containsEntry("payload_type", "snapshot")
                .containsEntry("economy", Map.of("gold", 1))
                .doesNotContainKey("utilities")
                .doesNotContainKey("changes");
        assertThat(List.copyOf(state.keySet())).startsWith("schema_version", "payload_type", "seq", "tick");
        assertThat(consumer.counters().diffs()).isEqualTo(1);
    }

    @Test
    void diffWhoseChangesAreNotAnObjectIsMalformed() {
        consumer.accept(snapshot(0, 1));

        LineOutcome outcome = consumer.accept(diff(1, 2, "[1]"));

        assertThat(outcome.kind()).isEqualTo(Kind.MALFORMED_LINE);
        assertThat(outcome.frame()).as("it passed rules 1-3 and took its seq").isTrue();
        assertThat(consumer.counters().malformedLines()).isEqualTo(1);
        assertThat(consumer.state()).containsEntry("seq", 0);
    }

    // ------------------------------------------------------------------------------------------------ rule 7

    @Test
    void countersStateAndViewsAreExposed() {
        String first = snapshot(0, 1);
        String second = diff(1, 2, "{\"economy\":{\"gold\":3}}");
        consumer.accept(first);
        consumer.accept(second + "\n");

        ConsumerCounters counters = consumer.counters();
        assertThat(counters.frames()).isEqualTo(2);
        assertThat(counters.snapshots()).isEqualTo(1);
        assertThat(counters.diffs()).isEqualTo(1);
        assertThat(counters.bytes()).as("each line with its newline").isEqualTo(first.length() + second.length() + 2);
        assertThat(consumer.lastSeq()).isEqualTo(OptionalLong.of(1));
        assertThat(consumer.lastTick()).isEqualTo(OptionalLong.of(2));
        assertThat(counters.asMap().keySet()).containsExactly("frames", "snapshots", "diffs", "bytes", "gaps",
                "duplicates", "stream_restarts", "malformed_lines", "oversize_lines", "unknown_payload_types",
                "invalid_snapshots", "diff_without_base", "schema_warnings", "schema_mismatches");
        assertThat(counters.anyProblem()).isFalse();
    }

    @Test
    void stateIsImmutableAllTheWayDown() {
        consumer.accept(snapshot(0, 1));
        Map<String, Object> state = consumer.state();

        assertThatThrownBy(() -> state.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> jobs = (Map<String, Object>) state.get("jobs");
        assertThatThrownBy(jobs::clear).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> employment = (Map<String, Object>) state.get("employment");
        assertThatThrownBy(() -> ((List<Object>) employment.get("exit_queue")).add("bob"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
