package org.townlet.telemetry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.townlet.telemetry.api.TelemetrySchema;

/**
 * AssertJ entry points for decoded frame streams (SPEC §9.2): {@code assertThatFrames(frames).haveEnvelope()
 * .hasContiguousSeqFromZero().startsWithSnapshot()}. Frames are Jackson trees, as {@link FrameStreamDecoder} produces.
 * Every list assertion of AssertJ ({@code hasSize}, {@code element}, …) is available too.
 */
public final class FrameAssertions {
    /** The four envelope keys every frame begins with, in order. */
    public static final List<String> ENVELOPE_KEYS = List.of("schema_version", "payload_type", "seq", "tick");

    private FrameAssertions() {
    }

    /** Assertions on a decoded frame stream, in stream order. */
    public static FramesAssert assertThatFrames(List<JsonNode> frames) {
        return new FramesAssert(frames);
    }

    /** Assertions on a list of frames; fluent, each failure names the offending frame by its index. */
    public static final class FramesAssert
            extends AbstractListAssert<FramesAssert, List<JsonNode>, JsonNode, ObjectAssert<JsonNode>> {

        FramesAssert(List<JsonNode> frames) {
            super(frames, FramesAssert.class);
        }

        /** Every frame's {@code seq} equals its index: 0, 1, 2, … without gaps or repeats. */
        public FramesAssert hasContiguousSeqFromZero() {
            isNotNull();
            for (int i = 0; i < actual.size(); i++) {
                JsonNode seq = actual.get(i).get("seq");
                if (seq == null || !seq.isIntegralNumber() || seq.asLong() != i) {
                    failWithMessage("Expected frame %d to have seq %d but it had %s; seqs were %s", i, i, seq,
                            seqs());
                }
            }
            return this;
        }

        /** Each frame's {@code seq} is one more than the previous frame's (any start). */
        public FramesAssert hasContiguousSeq() {
            isNotNull();
            for (int i = 1; i < actual.size(); i++) {
                JsonNode previous = actual.get(i - 1).get("seq");
                JsonNode seq = actual.get(i).get("seq");
                if (previous == null || seq == null || seq.asLong() != previous.asLong() + 1) {
                    failWithMessage("Expected frame %d to have seq %s + 1 but it had %s; seqs were %s", i, previous,
                            seq, seqs());
                }
            }
            return this;
        }

        /** The stream is not empty and its first frame is a snapshot ({@code payload_type:"snapshot"}). */
        public FramesAssert startsWithSnapshot() {
            isNotNull();
            if (actual.isEmpty()) {
                failWithMessage("Expected the stream to start with a snapshot but it had no frames");
            }
            String type = actual.get(0).path("payload_type").asText(null);
            if (!"snapshot".equals(type)) {
                failWithMessage("Expected frame 0 to be a snapshot but its payload_type was %s", type);
            }
            return this;
        }

        /** After every gap in {@code seq} the next frame is a snapshot (the guarantee of SPEC §9.3). */
        public FramesAssert haveSnapshotAfterEveryGap() {
            isNotNull();
            for (int i = 1; i < actual.size(); i++) {
                long previous = actual.get(i - 1).path("seq").asLong();
                long seq = actual.get(i).path("seq").asLong();
                String type = actual.get(i).path("payload_type").asText(null);
                if (seq != previous + 1 && !"snapshot".equals(type)) {
                    failWithMessage("Expected frame %d (seq %d, after seq %d) to be a snapshot but it was %s", i, seq,
                            previous, type);
                }
            }
            return this;
        }

        /** Every frame's {@code schema_version} equals {@code version}. */
        public FramesAssert allHaveSchemaVersion(String version) {
            isNotNull();
            for (int i = 0; i < actual.size(); i++) {
                String found = actual.get(i).path("schema_version").asText(null);
                if (!version.equals(found)) {
                    failWithMessage("Expected frame %d to have schema_version %s but it had %s", i, version, found);
                }
            }
            return this;
        }

        /** Every frame's {@code schema_version} is {@value TelemetrySchema#VERSION}. */
        public FramesAssert allHaveCurrentSchemaVersion() {
            return allHaveSchemaVersion(TelemetrySchema.VERSION);
        }

        /**
         * Every frame is an object that begins with {@code schema_version} (string), {@code payload_type}
         * ({@code "snapshot"} or {@code "diff"}), {@code seq} (integer ≥ 0) and {@code tick} (integer), in this
         * order.
         */
        public FramesAssert haveEnvelope() {
            isNotNull();
            for (int i = 0; i < actual.size(); i++) {
                JsonNode frame = actual.get(i);
                if (frame == null || !frame.isObject()) {
                    failWithMessage("Expected frame %d to be a JSON object but it was %s", i, frame);
                    continue;
                }
                List<String> first = new ArrayList<>(4);
                Iterator<String> names = frame.fieldNames();
                while (names.hasNext() && first.size() < ENVELOPE_KEYS.size()) {
                    first.add(names.next());
                }
                if (!first.equals(ENVELOPE_KEYS)) {
                    failWithMessage("Expected frame %d to begin with %s but it began with %s", i, ENVELOPE_KEYS,
                            first);
                }
                if (!frame.get("schema_version").isTextual()) {
                    failWithMessage("Expected frame %d's schema_version to be a string but it was %s", i,
                            frame.get("schema_version"));
                }
                String type = frame.get("payload_type").asText(null);
                if (!frame.get("payload_type").isTextual() || !("snapshot".equals(type) || "diff".equals(type))) {
                    failWithMessage("Expected frame %d's payload_type to be \"snapshot\" or \"diff\" but it was %s",
                            i, frame.get("payload_type"));
                }
                JsonNode seq = frame.get("seq");
                if (!seq.isIntegralNumber() || seq.asLong() < 0) {
                    failWithMessage("Expected frame %d's seq to be an integer >= 0 but it was %s", i, seq);
                }
                if (!frame.get("tick").isIntegralNumber()) {
                    failWithMessage("Expected frame %d's tick to be an integer but it was %s", i, frame.get("tick"));
                }
            }
            return this;
        }

        @Override
        protected ObjectAssert<JsonNode> toAssert(JsonNode value, String description) {
            return new ObjectAssert<>(value).as(description);
        }

        @Override
        protected FramesAssert newAbstractIterableAssert(Iterable<? extends JsonNode> iterable) {
            List<JsonNode> list = new ArrayList<>();
            iterable.forEach(list::add);
            return new FramesAssert(list);
        }

        private List<String> seqs() {
            List<String> seqs = new ArrayList<>(actual.size());
            for (JsonNode frame : actual) {
                seqs.add(String.valueOf(frame.get("seq")));
            }
            return seqs;
        }
    }
}
