package org.townlet.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.townlet.telemetry.testing.FrameAssertions.assertThatFrames;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAssertionsTest {
    private static final String SNAPSHOT_0 =
            "{\"schema_version\":\"0.9.9\",\"payload_type\":\"snapshot\",\"seq\":0,\"tick\":1,\"queue_metrics\":{}}";
    private static final String DIFF_1 =
            "{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":1,\"tick\":2,\"changes\":{}}";
    private static final String DIFF_3 =
            "{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":3,\"tick\":4,\"changes\":{}}";
    private static final String SNAPSHOT_3 =
            "{\"schema_version\":\"0.9.9\",\"payload_type\":\"snapshot\",\"seq\":3,\"tick\":4}";

    @Test
    void wellFormedStreamPassesEveryAssertion() {
        assertThatFrames(decode(SNAPSHOT_0, DIFF_1))
                .haveEnvelope()
                .hasContiguousSeqFromZero()
                .hasContiguousSeq()
                .startsWithSnapshot()
                .haveSnapshotAfterEveryGap()
                .allHaveSchemaVersion("0.9.9")
                .allHaveCurrentSchemaVersion()
                .hasSize(2);
    }

    @Test
    void gapInSeqFails() {
        assertThatThrownBy(() -> assertThatFrames(decode(SNAPSHOT_0, DIFF_3)).hasContiguousSeqFromZero())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected frame 1 to have seq 1 but it had 3; seqs were [0, 3]");
    }

    @Test
    void diffAfterGapFailsAndSnapshotAfterGapPasses() {
        assertThatThrownBy(() -> assertThatFrames(decode(SNAPSHOT_0, DIFF_3)).haveSnapshotAfterEveryGap())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected frame 1 (seq 3, after seq 0) to be a snapshot but it was diff");
        assertThatFrames(decode(SNAPSHOT_0, SNAPSHOT_3)).haveSnapshotAfterEveryGap();
    }

    @Test
    void streamStartingWithDiffOrEmptyFails() {
        assertThatThrownBy(() -> assertThatFrames(decode(DIFF_1)).startsWithSnapshot())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected frame 0 to be a snapshot but its payload_type was diff");
        assertThatThrownBy(() -> assertThatFrames(List.of()).startsWithSnapshot())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the stream to start with a snapshot but it had no frames");
    }

    @Test
    void wrongSchemaVersionFails() {
        assertThatThrownBy(() -> assertThatFrames(decode(SNAPSHOT_0)).allHaveSchemaVersion("1.0.0"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected frame 0 to have schema_version 1.0.0 but it had 0.9.9");
    }

    @Test
    void envelopeOutOfOrderOrIncompleteFails() {
        String reordered = "{\"payload_type\":\"diff\",\"schema_version\":\"0.9.9\",\"seq\":0,\"tick\":1}";
        String missingTick = "{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":0}";
        String badType = "{\"schema_version\":\"0.9.9\",\"payload_type\":\"full\",\"seq\":0,\"tick\":1}";
        String textSeq = "{\"schema_version\":\"0.9.9\",\"payload_type\":\"diff\",\"seq\":\"0\",\"tick\":1}";

        assertThatThrownBy(() -> assertThatFrames(decode(reordered)).haveEnvelope())
                .hasMessageContaining("Expected frame 0 to begin with [schema_version, payload_type, seq, tick] "
                        + "but it began with [payload_type, schema_version, seq, tick]");
        assertThatThrownBy(() -> assertThatFrames(decode(missingTick)).haveEnvelope())
                .hasMessageContaining("but it began with [schema_version, payload_type, seq]");
        assertThatThrownBy(() -> assertThatFrames(decode(badType)).haveEnvelope())
                .hasMessageContaining(
                        "Expected frame 0's payload_type to be \"snapshot\" or \"diff\" but it was \"full\"");
        assertThatThrownBy(() -> assertThatFrames(decode(textSeq)).haveEnvelope())
                .hasMessageContaining("Expected frame 0's seq to be an integer >= 0 but it was \"0\"");
    }

    @Test
    void listAssertionsChainAfterFrameAssertions() {
        assertThatFrames(decode(SNAPSHOT_0, DIFF_1)).haveEnvelope().element(1)
                .satisfies(frame -> assertThat(frame.get("tick").asLong()).isEqualTo(2L));
    }

    private static List<JsonNode> decode(String... lines) {
        return FrameStreamDecoder.parseLines(List.of(lines));
    }
}
