package org.townlet.telemetry.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.testing.LogCapture;

/** {@code schema_validator} with the fast path: the same frames, messages and counters as networknt alone. */
class SchemaValidatorFastPathTest {
    @TempDir
    Path directory;

    private static Map<String, Object> diff(long seq, Object changes) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("schema_version", "0.9.9");
        frame.put("payload_type", "diff");
        frame.put("seq", seq);
        frame.put("tick", seq + 1);
        frame.put("changes", changes);
        return frame;
    }

    private static String networkntErrors(FrameKind kind, Map<String, Object> frame) {
        return String.join("; ", Schemas.errors(Schemas.load(BundledSchemas.source(kind)).schema(),
                Schemas.toNode(frame)));
    }

    @Test
    void defaultPipelineValidatesWithTheFastPath() {
        assertThat(Schemas.load(BundledSchemas.source(FrameKind.SNAPSHOT)).hasFastPath()).isTrue();
        assertThat(Schemas.load(BundledSchemas.source(FrameKind.DIFF)).hasFastPath()).isTrue();
    }

    @Test
    void validFramesTheFastPathDeclinesStillPassUnchanged() {
        TransformChain chain = TransformChain.of(TransformPipeline.DEFAULT);
        // 3.0 is an integer to networknt (Draft 2020-12); the fast path leaves it to networknt.
        Map<String, Object> wholeDouble = diff(3, Map.of("health", Map.of("tick", 3.0, "status", "ok")));
        Map<String, Object> plain = diff(4, Map.of("health", Map.of("tick", 4L, "status", "ok")));

        try (LogCapture log = LogCapture.on(TransformChain.LOGGER_NAME)) {
            assertThat(chain.applyFrameStage(wholeDouble, FrameKind.DIFF, 3)).isSameAs(wholeDouble);
            assertThat(chain.applyFrameStage(plain, FrameKind.DIFF, 4)).isSameAs(plain);

            assertThat(log.warnings()).isEmpty();
        }
        assertThat(chain.stats()).isEqualTo(new TransformStats(0, 0, 2, 0, 0, 0, 0));
    }

    @Test
    void invalidFramesGetNetworkntsMessagesAndCounters() {
        TransformChain chain = TransformChain.of(TransformPipeline.DEFAULT);
        Map<String, Object> frame = diff(5, Map.of("seq", 9L, "queue_metrics", Map.of("cooldown_events", -1L)));

        try (LogCapture log = LogCapture.on(TransformChain.LOGGER_NAME)) {
            assertThat(chain.applyFrameStage(frame, FrameKind.DIFF, 5)).isNull();

            assertThat(log.warnings()).containsExactly("telemetry_schema_validation_dropped event_kind=diff seq=5 "
                    + "errors=" + networkntErrors(FrameKind.DIFF, frame));
        }
        assertThat(networkntErrors(FrameKind.DIFF, frame)).contains("changes").contains("cooldown_events");
        assertThat(chain.stats()).isEqualTo(new TransformStats(0, 0, 1, 1, 1, 0, 0));
    }

    @Test
    void configuredSchemaOutsideTheSubsetIsValidatedByNetworknt() throws IOException {
        Path file = directory.resolve("frame.json");
        Files.writeString(file, """
                {"type": "object", "required": ["tick"],
                 "properties": {"runtime_variant": {"type": "string", "pattern": "^fa"}}}""");
        SchemaSource source = SchemaSource.file("frame.json", file);
        TransformChain chain = TransformChain.of(TransformPipeline.of(List.of(new TransformSpec.SchemaValidator(
                Map.of(FrameKind.SNAPSHOT, source), ValidationMode.WARN))));
        Map<String, Object> valid = Map.of("tick", 1L, "runtime_variant", "facade");
        Map<String, Object> invalid = Map.of("tick", 2L, "runtime_variant", "direct");

        assertThat(Schemas.load(source).hasFastPath()).isFalse();
        try (LogCapture log = LogCapture.on(TransformChain.LOGGER_NAME)) {
            assertThat(chain.applyFrameStage(valid, FrameKind.SNAPSHOT, 1)).isSameAs(valid);
            assertThat(chain.applyFrameStage(invalid, FrameKind.SNAPSHOT, 2)).isSameAs(invalid);

            assertThat(log.warnings()).singleElement().asString()
                    .startsWith("telemetry_schema_validation_warning event_kind=snapshot seq=2 errors=$.runtime_variant")
                    .contains("^fa");
        }
        assertThat(chain.stats()).isEqualTo(new TransformStats(0, 0, 2, 1, 0, 1, 0));
    }

    @Test
    void configuredSchemaInTheSubsetGetsAFastPath() throws IOException {
        Path file = directory.resolve("frame.json");
        Files.writeString(file, """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["tick"],
                 "properties": {"tick": {"type": "integer", "minimum": 1}}}""");
        SchemaSource source = SchemaSource.file("frame.json", file);
        TransformChain chain = TransformChain.of(TransformPipeline.of(List.of(new TransformSpec.SchemaValidator(
                Map.of(FrameKind.SNAPSHOT, source), ValidationMode.DROP))));

        assertThat(Schemas.load(source).hasFastPath()).isTrue();
        assertThat(chain.applyFrameStage(Map.of("tick", 1L), FrameKind.SNAPSHOT, 1)).isNotNull();
        assertThat(chain.applyFrameStage(Map.of("tick", 0L), FrameKind.SNAPSHOT, 2)).isNull();
        assertThat(chain.stats()).isEqualTo(new TransformStats(0, 0, 2, 1, 1, 0, 0));
    }
}
