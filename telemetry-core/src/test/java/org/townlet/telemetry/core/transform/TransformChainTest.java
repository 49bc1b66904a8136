package org.townlet.telemetry.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.TelemetryValidationException;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.testing.LogCapture;

class TransformChainTest {

    /** A snapshot frame that the bundled schema accepts. */
    static Map<String, Object> minimalSnapshot() {
        LinkedHashMap<String, Object> frame = new LinkedHashMap<>();
        frame.put("schema_version", "0.9.9");
        frame.put("payload_type", "snapshot");
        frame.put("seq", 0L);
        frame.put("tick", 1L);
        frame.put("employment", Map.of());
        frame.put("jobs", Map.of());
        frame.put("conflict", Map.of("queues", Map.of("cooldown_events", 0, "ghost_step_events", 0,
                "rotation_events", 0), "queue_history", List.of(), "rivalry", Map.of(), "rivalry_events", List.of()));
        frame.put("policy_identity", Map.of("config_id", "cfg", "policy_hash", "abc"));
        return frame;
    }

    private static TransformChain chain(TransformSpec... specs) {
        return TransformChain.of(TransformPipeline.of(List.of(specs)));
    }

    private static TransformSpec.SchemaValidator bundledValidator(ValidationMode mode) {
        return new TransformSpec.SchemaValidator(Map.of(FrameKind.SNAPSHOT, BundledSchemas.source(FrameKind.SNAPSHOT),
                FrameKind.DIFF, BundledSchemas.source(FrameKind.DIFF)), mode);
    }

    @Test
    void redactionRemovesIdentityKeepsSchemaVersion() {
        TransformChain chain = TransformChain.of(TransformPipeline.DEFAULT);
        Map<String, Object> frame = minimalSnapshot();

        Map<String, Object> redacted = chain.applySectionStage(frame, FrameKind.SNAPSHOT, 0);

        assertThat(redacted).doesNotContainKey("policy_identity").containsEntry("schema_version", "0.9.9")
                .containsEntry("tick", 1L);
        assertThat(frame).containsKey("policy_identity");
        assertThat(chain.applySectionStage(redacted, FrameKind.SNAPSHOT, 1)).isSameAs(redacted);
        assertThat(chain.stats().framesRedacted()).isEqualTo(1);
    }

    @Test
    void redactionAppliesOnlyToItsKinds() {
        TransformChain chain = chain(new TransformSpec.RedactFields(List.of("secret"), EnumSet.of(FrameKind.DIFF)));
        Map<String, Object> frame = Map.of("tick", 1, "secret", "x");

        assertThat(chain.applySectionStage(frame, FrameKind.SNAPSHOT, 0)).isSameAs(frame);
        assertThat(chain.applySectionStage(frame, FrameKind.DIFF, 0)).containsOnlyKeys("tick");
    }

    @Test
    void ensureFieldsDropsSnapshotWithoutSchemaVersion() {
        TransformChain chain = TransformChain.of(TransformPipeline.DEFAULT);
        Map<String, Object> frame = minimalSnapshot();
        frame.remove("schema_version");

        try (LogCapture log = LogCapture.on(TransformChain.LOGGER_NAME)) {
            assertThat(chain.applyFrameStage(frame, FrameKind.SNAPSHOT, 4)).isNull();

            assertThat(log.warnings()).containsExactly(
                    "telemetry_transform_missing_fields event_kind=snapshot missing=schema_version");
        }
        assertThat(chain.stats().missingFieldDrops()).isEqualTo(1);
        assertThat(chain.stats().framesValidated()).isZero();
    }

    @Test
    void ensureFieldsDefaultsToTick() {
        TransformChain chain = chain(new TransformSpec.EnsureFields(
                Map.of(FrameKind.SNAPSHOT, List.of("schema_version")), TransformSpec.EnsureFields.DEFAULT_REQUIRED_FIELDS));
        Map<String, Object> diffWithTick = Map.of("tick", 2, "changes", Map.of());

        try (LogCapture log = LogCapture.on(TransformChain.LOGGER_NAME)) {
            assertThat(chain.applyFrameStage(diffWithTick, FrameKind.DIFF, 1)).isSameAs(diffWithTick);
            assertThat(chain.applyFrameStage(Map.of("changes", Map.of(), "seq", 2), FrameKind.DIFF, 2)).isNull();
            assertThat(chain.applyFrameStage(Map.of("tick", 3), FrameKind.SNAPSHOT, 3)).isNull();

            assertThat(log.warnings()).containsExactly(
                    "telemetry_transform_missing_fields event_kind=diff missing=tick",
                    "telemetry_transform_missing_fields event_kind=snapshot missing=schema_version");
        }
    }

    @Test
    void defaultPipelineDropsTickOnlySnapshot() {
        TransformChain chain = TransformChain.of(TransformPipeline.DEFAULT);
        Map<String, Object> tickOnly = Map.of("tick", 5);

        try (LogCapture log = LogCapture.on(TransformChain.LOGGER_NAME)) {
            assertThat(chain.applyFrameStage(tickOnly, FrameKind.SNAPSHOT, 9)).isNull();
            assertThat(log.warnings()).containsExactly(
                    "telemetry_transform_missing_fields event_kind=snapshot missing=schema_version");
        }
    }

    @Test
    void validatorDropMode() {
        TransformChain chain = chain(bundledValidator(ValidationMode.DROP));
        Map<String, Object> frame = minimalSnapshot();
        frame.put("seq", -1L);
        frame.remove("jobs");

        try (LogCapture log = LogCapture.on(TransformChain.LOGGER_NAME)) {
            assertThat(chain.applyFrameStage(frame, FrameKind.SNAPSHOT, 7)).isNull();

            assertThat(log.warnings()).singleElement().asString()
                    .startsWith("telemetry_schema_validation_dropped event_kind=snapshot seq=7 errors=")
                    .contains("jobs").contains("seq").contains("; ");
        }
        assertThat(chain.stats()).isEqualTo(new TransformStats(0, 0, 1, 1, 1, 0, 0));
        assertThat(chain.applyFrameStage(minimalSnapshot(), FrameKind.SNAPSHOT, 8)).isNotNull();
    }

    @Test
    void validatorWarnModeReturnsSameInstanceAndLogs() {
        TransformChain chain = chain(bundledValidator(ValidationMode.WARN));
        Map<String, Object> diff = Map.of("schema_version", "0.9.9", "payload_type", "diff", "seq", 3, "tick", 4,
                "changes", Map.of("utilities", Map.of("power", "yes")));

        try (LogCapture log = LogCapture.on(TransformChain.LOGGER_NAME)) {
            assertThat(chain.applyFrameStage(diff, FrameKind.DIFF, 3)).isSameAs(diff);

            assertThat(log.warnings()).singleElement().asString()
                    .startsWith("telemetry_schema_validation_warning event_kind=diff seq=3 errors=")
                    .contains("utilities.power");
        }
        assertThat(chain.stats().validationWarnings()).isEqualTo(1);
    }

    @Test
    void validatorRaiseModeThrowsWithTheKindAndErrors() {
        TransformChain chain = chain(bundledValidator(ValidationMode.RAISE));
        Map<String, Object> frame = minimalSnapshot();
        frame.remove("conflict");

        assertThatThrownBy(() -> chain.applyFrameStage(frame, FrameKind.SNAPSHOT, 1))
                .isInstanceOf(TelemetryValidationException.class)
                .hasMessageStartingWith("Telemetry event kind 'snapshot' failed schema validation: ")
                .hasMessageContaining("conflict");
        assertThat(chain.stats().validationRaises()).isEqualTo(1);
    }
}
