package org.townlet.telemetry.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundledSchemasTest {

    private static Map<String, Object> diff(Map<String, Object> changes) {
        LinkedHashMap<String, Object> frame = new LinkedHashMap<>();
        frame.put("schema_version", "0.9.9");
        frame.put("payload_type", "diff");
        frame.put("seq", 4);
        frame.put("tick", 5);
        frame.put("changes", changes);
        return frame;
    }

    @Test
    void bundledSnapshotSchemaAcceptsMinimalValidFrame() {
        assertThat(BundledSchemas.validate(TransformChainTest.minimalSnapshot())).isEmpty();
    }

    @Test
    void snapshotSchemaRequiresTheSectionsOf09Consumers() {
        Map<String, Object> frame = TransformChainTest.minimalSnapshot();
        frame.remove("employment");
        frame.put("conflict", List.of());

        List<String> errors = BundledSchemas.validate(frame);

        assertThat(errors).anySatisfy(error -> assertThat(error).contains("employment"));
        assertThat(errors).anySatisfy(error -> assertThat(error).contains("conflict"));
    }

    @Test
    void snapshotSchemaChecksSectionShapes() {
        Map<String, Object> frame = TransformChainTest.minimalSnapshot();
        frame.put("queue_metrics", Map.of("cooldown_events", 1, "ghost_step_events", 0, "rotation_events", 0,
                "extra", 1));
        frame.put("health", Map.of("tick", 1, "status", "fine"));
        frame.put("kpi_history", Map.of("late_help_events", List.of("x")));
        frame.put("embedding_metrics", java.util.Collections.singletonMap("reuse", null));

        List<String> errors = BundledSchemas.validate(frame);

        assertThat(errors).hasSize(3);
        assertThat(String.join("\n", errors)).contains("queue_metrics").contains("health.status")
                .contains("kpi_history");
    }

    @Test
    void diffSchemaChecksOnlyTheSectionsPresent() {
        assertThat(BundledSchemas.validate(diff(Map.of()))).isEmpty();
        assertThat(BundledSchemas.validate(diff(Map.of("utilities", Map.of("power", false))))).isEmpty();
        assertThat(BundledSchemas.validate(diff(Map.of("utilities", Map.of("power", 0)))))
                .singleElement().asString().contains("utilities.power");
        assertThat(BundledSchemas.validate(diff(Map.of("affordance_runtime", Map.of("tick", 1)))))
                .isNotEmpty();
    }

    @Test
    void diffSchemaRejectsEnvelopeKeysInChangesAndChecksRemoved() {
        assertThat(BundledSchemas.validate(diff(Map.of("seq", 9)))).isNotEmpty();
        Map<String, Object> frame = diff(Map.of());
        frame.put("removed", List.of("jobs", "jobs"));
        assertThat(BundledSchemas.validate(frame)).isNotEmpty();
        frame.put("removed", List.of("jobs"));
        assertThat(BundledSchemas.validate(frame)).isEmpty();
    }

    @Test
    void bundledSchemasAreValidDraft202012Schemas() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema metaSchema = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        ObjectMapper mapper = new ObjectMapper();
        for (String resource : List.of(BundledSchemas.SNAPSHOT_RESOURCE, BundledSchemas.DIFF_RESOURCE)) {
            try (InputStream in = BundledSchemas.class.getClassLoader().getResourceAsStream(resource)) {
                JsonNode schema = mapper.readTree(in);
                assertThat(metaSchema.validate(schema)).as(resource).isEmpty();
                assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            }
        }
    }

    @Test
    void unknownPayloadTypeIsReported() {
        assertThat(BundledSchemas.validate(Map.of("payload_type", "delta")))
                .containsExactly("$.payload_type: must be snapshot or diff; got \"delta\"");
    }
}
