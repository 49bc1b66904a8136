package org.townlet.telemetry.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.core.config.TelemetryConfigException;

class TransformPipelineParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path configDir;

    /** JSON with single quotes, for readability. */
    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private TransformPipeline parse(String text) {
        return TransformPipeline.parse(json(text), configDir);
    }

    private void assertRejected(String text, String keyPath, String problem) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(TelemetryConfigException.class)
                .hasMessage(keyPath + ": " + problem)
                .satisfies(e -> {
                    TelemetryConfigException error = (TelemetryConfigException) e;
                    assertThat(error.keyPath()).isEqualTo(keyPath);
                    assertThat(error.problem()).isEqualTo(problem);
                });
    }

    @Test
    void emptyPipelineUsesDefaults() {
        assertThat(TransformPipeline.parse(null, configDir)).isSameAs(TransformPipeline.DEFAULT);
        assertThat(TransformPipeline.parse(MissingNode.getInstance(), configDir)).isSameAs(TransformPipeline.DEFAULT);
        assertThat(parse("null")).isSameAs(TransformPipeline.DEFAULT);
        assertThat(parse("[]")).isSameAs(TransformPipeline.DEFAULT);
        assertThat(TransformPipeline.DEFAULT.ids())
                .containsExactly("snapshot_normalizer", "redact_fields", "ensure_fields", "schema_validator");
    }

    @Test
    void everyEntryFormIsAccepted() {
        TransformPipeline pipeline = parse("['Snapshot_Normalizer ',"
                + " {'id': 'redact_fields', 'options': {'fields': ['secret'], 'kinds': ['diff']}},"
                + " {'name': 'redact_fields', 'fields': ['other']},"
                + " {'ensure_fields': {'default_required_fields': ['tick', 'seq']}},"
                + " {'id': 'schema_validator', 'schemas': {'snapshot': 'classpath:org/townlet/telemetry/schemas/"
                + "snapshot.schema.json'}, 'mode': 'WARN'}]");

        assertThat(pipeline.transforms()).containsExactly(
                new TransformSpec.SnapshotNormalizer(),
                new TransformSpec.RedactFields(List.of("secret"), EnumSet.of(FrameKind.DIFF)),
                new TransformSpec.RedactFields(List.of("other"), EnumSet.allOf(FrameKind.class)),
                new TransformSpec.EnsureFields(Map.of(), List.of("tick", "seq")),
                new TransformSpec.SchemaValidator(Map.of(FrameKind.SNAPSHOT,
                        SchemaSource.classpath(BundledSchemas.SNAPSHOT_RESOURCE)), ValidationMode.WARN));
    }

    @Test
    void shorthandEntryIsAccepted() {
        TransformPipeline pipeline = parse("[{'redact_fields': {'fields': ['secret']}}]");

        assertThat(pipeline.transforms()).containsExactly(TransformSpec.RedactFields.of("secret"));
    }

    @Test
    void unknownIdListsTheSupportedOnes() {
        assertRejected("['snapshot_normalizer', 'compress']", "telemetry.transforms.pipeline[1]",
                "Unsupported telemetry transform id 'compress'. Supported transforms: ensure_fields, redact_fields, "
                        + "schema_validator, snapshot_normalizer");
        assertRejected("[{'id': ' Gzip '}]", "telemetry.transforms.pipeline[0].id",
                "Unsupported telemetry transform id 'gzip'. Supported transforms: ensure_fields, redact_fields, "
                        + "schema_validator, snapshot_normalizer");
    }

    @Test
    void badTransformOptionsFailAtLoad() {
        assertRejected("[{'redact_fields': {'fields': 'secret'}}]",
                "telemetry.transforms.pipeline[0].redact_fields.fields",
                "must be a non-empty list of strings; got \"secret\"");
        assertRejected("[{'id': 'redact_fields', 'options': {'fields': []}}]",
                "telemetry.transforms.pipeline[0].options.fields", "must be a non-empty list of strings; got []");
        assertRejected("['snapshot_normalizer', {'id': 'redact_fields', 'options': {'fields': ['a', 3]}}]",
                "telemetry.transforms.pipeline[1].options.fields[1]", "must be a non-blank string; got 3");
        assertRejected("[{'id': 'redact_fields', 'options': {'fields': ['a'], 'kinds': ['keyframe']}}]",
                "telemetry.transforms.pipeline[0].options.kinds[0]",
                "unknown frame kind 'keyframe'; allowed: [snapshot, diff]");
        assertRejected("[{'id': 'redact_fields', 'options': {'fields': ['a'], 'level': 2}}]",
                "telemetry.transforms.pipeline[0].options.level", "unknown option; allowed: [fields, kinds]");
        assertRejected("[{'id': 'snapshot_normalizer', 'deep': true}]",
                "telemetry.transforms.pipeline[0].deep", "unknown option; allowed: []");
        assertRejected("['redact_fields']", "telemetry.transforms.pipeline[0]",
                "redact_fields needs options (fields); give it as a map, e.g. {id: redact_fields, options: "
                        + "{fields: ...}}");
        assertRejected("[{'id': 'redact_fields'}]", "telemetry.transforms.pipeline[0].fields",
                "required: a non-empty list of field names");
        assertRejected("[{'id': 'ensure_fields', 'options': {'required_fields_by_kind': {'frame': ['tick']}}}]",
                "telemetry.transforms.pipeline[0].options.required_fields_by_kind.frame",
                "unknown frame kind 'frame'; allowed: [snapshot, diff]");
        assertRejected("[{'id': 'schema_validator', 'options': {'schemas': {'snapshot': 'classpath:"
                + "org/townlet/telemetry/schemas/snapshot.schema.json'}, 'mode': 'loud'}}]",
                "telemetry.transforms.pipeline[0].options.mode", "must be one of [drop, warn, raise]; got \"loud\"");
        assertRejected("[{'id': 'schema_validator', 'options': {'mode': 'drop'}}]",
                "telemetry.transforms.pipeline[0].options.schemas",
                "required: a map of frame kind to schema; allowed kinds: [snapshot, diff]");
        assertRejected("[{'id': 'redact_fields', 'options': {'fields': ['a']}, 'kinds': ['diff']}]",
                "telemetry.transforms.pipeline[0]",
                "options given both under 'options' and inline [kinds]; use one form");
        assertRejected("[42]", "telemetry.transforms.pipeline[0]", "must be a transform id or a map; got 42");
        assertRejected("{'redact_fields': {}}", "telemetry.transforms.pipeline",
                "must be a list of transforms; got {\"redact_fields\":{}}");
    }

    @Test
    void sectionTransformAfterFrameTransformIsRejected() {
        assertRejected("['snapshot_normalizer', 'ensure_fields', {'redact_fields': {'fields': ['secret']}}]",
                "telemetry.transforms.pipeline[2]",
                "redact_fields must precede ensure_fields and schema_validator; section transforms run before diffing");
        assertThatThrownBy(() -> TransformPipeline.of(List.of(new TransformSpec.EnsureFields(Map.of(), List.of()),
                new TransformSpec.SnapshotNormalizer())))
                .hasMessage("telemetry.transforms.pipeline[1]: snapshot_normalizer must precede ensure_fields and "
                        + "schema_validator; section transforms run before diffing");
    }

    @Test
    void validatorFromConfigPath() throws IOException {
        Files.createDirectories(configDir.resolve("schemas"));
        Files.writeString(configDir.resolve("schemas/tick-only.json"), "{\"$schema\": "
                + "\"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\", \"required\": [\"tick\"],"
                + " \"properties\": {\"health\": {\"$ref\": \"https://townlet.ai/schemas/telemetry/snapshot.schema.json"
                + "#/$defs/health\"}}}");

        TransformPipeline pipeline = parse("[{'schema_validator': {'schemas': {'diff': 'schemas/tick-only.json'}}}]");

        TransformSpec.SchemaValidator validator = (TransformSpec.SchemaValidator) pipeline.transforms().get(0);
        assertThat(validator.mode()).isEqualTo(ValidationMode.DROP);
        SchemaSource source = validator.schemas().get(FrameKind.DIFF);
        assertThat(source.configured()).isEqualTo("schemas/tick-only.json");
        assertThat(source.location()).isEqualTo(configDir.resolve("schemas/tick-only.json").toAbsolutePath()
                .normalize().toUri().toString());
        TransformChain chain = TransformChain.of(pipeline);
        assertThat(chain.applyFrameStage(Map.of("tick", 3, "health", Map.of("tick", 3, "status", "ok")),
                FrameKind.DIFF, 1)).isNotNull();
        assertThat(chain.applyFrameStage(Map.of("health", Map.of("tick", 3, "status", "fine")),
                FrameKind.DIFF, 2)).isNull();
        assertThat(chain.stats().validationDrops()).isEqualTo(1);
    }

    @Test
    void missingOrBrokenSchemasFailAtLoad() throws IOException {
        Path missing = configDir.resolve("nowhere.json").toAbsolutePath().normalize();
        assertRejected("[{'schema_validator': {'schemas': {'snapshot': 'nowhere.json'}}}]",
                "telemetry.transforms.pipeline[0].schema_validator.schemas.snapshot",
                "schema file not found: " + missing);
        assertRejected("[{'schema_validator': {'schemas': {'snapshot': 'classpath:no/such/schema.json'}}}]",
                "telemetry.transforms.pipeline[0].schema_validator.schemas.snapshot",
                "classpath resource not found: no/such/schema.json (classpath:no/such/schema.json)");
        Files.writeString(configDir.resolve("bad.json"), "{\"type\": 5}");
        assertThatThrownBy(() -> parse("[{'schema_validator': {'schemas': {'snapshot': 'bad.json'}}}]"))
                .isInstanceOf(TelemetryConfigException.class)
                .satisfies(e -> assertThat(((TelemetryConfigException) e).keyPath())
                        .isEqualTo("telemetry.transforms.pipeline[0].schema_validator.schemas.snapshot"))
                .hasMessageContaining("not a valid Draft 2020-12 schema");
        Files.writeString(configDir.resolve("notjson.json"), "{oops");
        assertThatThrownBy(() -> parse("[{'schema_validator': {'schemas': {'diff': 'notjson.json'}}}]"))
                .isInstanceOf(TelemetryConfigException.class)
                .hasMessageStartingWith("telemetry.transforms.pipeline[0].schema_validator.schemas.diff: ");
    }

    @Test
    void homeDirectoryIsExpanded() {
        TransformPipelineParser parser = new TransformPipelineParser(null, configDir);
        String home = System.getProperty("user.home");

        assertThatThrownBy(() -> parser.parse(json("[{'schema_validator': {'schemas': "
                + "{'snapshot': '~/townlet-no-such-schema.json'}}}]")))
                .hasMessageEndingWith("schema file not found: "
                        + Path.of(home, "townlet-no-such-schema.json").toAbsolutePath().normalize());
    }
}
