package org.townlet.telemetry.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which schemas get a fast path, and the verdicts of the fast path on small schemas, each compared with networknt
 * (the schemas are loaded the way {@code schema_validator} loads a configured one).
 */
class FastValidatorCompilerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path directory;

    private int files;

    private Schemas.Loaded load(String json) throws IOException {
        Path file = directory.resolve("schema" + files++ + ".json");
        Files.writeString(file, json.replace('\'', '"'));
        return Schemas.load(SchemaSource.file(file.getFileName().toString(), file));
    }

    private static Object whyNot(String json) throws IOException {
        JsonNode root = MAPPER.readTree(json.replace('\'', '"'));
        return FastValidatorCompiler.whyNot("file:/schemas/frame.json", root, Schemas::bundledDocument).orElse(null);
    }

    /** networknt's verdict on {@code value}; and the fast path may only accept what networknt accepts. */
    private static boolean networkntAccepts(Schemas.Loaded schema, Object value) {
        boolean valid = Schemas.errors(schema.schema(), Schemas.toNode(value)).isEmpty();
        if (schema.fastPath().accepts(value)) {
            assertThat(valid).as("fast path accepted %s, so networknt must", value).isTrue();
        }
        return valid;
    }

    private static void assertAccepted(Schemas.Loaded schema, Object... values) {
        for (Object value : values) {
            assertThat(networkntAccepts(schema, value)).as("networknt on %s", value).isTrue();
            assertThat(schema.fastPath().accepts(value)).as("fast path on %s", value).isTrue();
        }
    }

    private static void assertRejected(Schemas.Loaded schema, Object... values) {
        for (Object value : values) {
            assertThat(networkntAccepts(schema, value)).as("networknt on %s", value).isFalse();
        }
    }

    private static void assertLeftToNetworknt(Schemas.Loaded schema, Object... values) {
        for (Object value : values) {
            assertThat(networkntAccepts(schema, value)).as("networknt on %s", value).isTrue();
            assertThat(schema.fastPath().accepts(value)).as("fast path on %s", value).isFalse();
        }
    }

    // ------------------------------------------------------------------ the subset

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pattern          | {'type': 'string', 'pattern': '^a'}",
        "oneOf            | {'oneOf': [{'type': 'string'}, {'type': 'integer'}]}",
        "format           | {'type': 'string', 'format': 'date'}",
        "maxLength        | {'type': 'string', 'maxLength': 3}",
        "exclusiveMinimum | {'type': 'integer', 'exclusiveMinimum': 0}",
        "nested keyword   | {'properties': {'a': {'anyOf': [{'type': 'string'}]}}}",
        "unknown keyword  | {'type': 'object', 'nullable': true}"})
    void schemaWithAnUnsupportedKeywordGetsNoFastPath(String keyword, String json)
            throws IOException {
        Schemas.Loaded schema = load(json);

        assertThat(schema.hasFastPath()).isFalse();
        assertThat(whyNot(json)).asString().contains("keyword");
    }

    @Test
    void patternSchemaIsValidatedByNetworkntAlone() throws IOException {
        Schemas.Loaded schema = load("{'type': 'object', 'properties': {'name': {'type': 'string', "
                + "'pattern': '^agent_'}}}");

        assertThat(schema.errors(Map.of("name", "agent_7"))).isEmpty();
        assertThat(schema.errors(Map.of("name", "bob"))).singleElement().asString().contains("$.name");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "$id below the root       | {'properties': {'a': {'$id': 'https://x.example/a', 'type': 'string'}}}",
        "$anchor ref              | {'$defs': {'a': {'$anchor': 'a'}}, '$ref': '#a'}",
        "ref to another file      | {'$ref': 'other.json#/$defs/a'}",
        "ref to a foreign id      | {'$ref': 'https://example.com/schema.json'}",
        "ref to a missing def     | {'$ref': '#/$defs/missing'}",
        "missing bundled document | {'$ref': 'https://townlet.ai/schemas/telemetry/nope.schema.json#/$defs/a'}",
        "a bundled id elsewhere   | {'$id': 'https://townlet.ai/schemas/telemetry/snapshot.schema.json', 'type': 'object'}",
        "draft 7                  | {'$schema': 'http://json-schema.org/draft-07/schema#', 'type': 'object'}",
        "items as an array        | {'items': [{'type': 'string'}]}",
        "$schema below the root   | {'properties': {'a': {'$schema': 'https://json-schema.org/draft/2020-12/schema'}}}",
        "pure ref cycle           | {'$defs': {'a': {'$ref': '#/$defs/b'}, 'b': {'$ref': '#/$defs/a'}}, '$ref': '#/$defs/a'}",
        "ref cycle on one value   | {'$defs': {'a': {'type': 'object', 'not': {'$ref': '#/$defs/a'}}}, '$ref': '#/$defs/a'}"})
    void schemaOutsideTheSubsetGetsNoFastPath(String name, String json) throws IOException {
        assertThat(whyNot(json)).as(name).isNotNull();
    }

    @Test
    void bundledSchemasAreInTheSubset() {
        for (String resource : List.of(BundledSchemas.SNAPSHOT_RESOURCE, BundledSchemas.DIFF_RESOURCE)) {
            JsonNode root = Schemas.load(SchemaSource.classpath(resource)).schema().getSchemaNode();
            assertThat(FastValidatorCompiler.whyNot(SchemaSource.classpath(resource).location(), root,
                    Schemas::bundledDocument)).as(resource).isEmpty();
        }
    }

    @Test
    void unusedDefinitionsOutsideTheSubsetDoNotMatter() throws IOException {
        Schemas.Loaded schema = load("{'$defs': {'unused': {'type': 'string', 'pattern': '^a'}}, "
                + "'type': 'object'}");

        assertThat(schema.hasFastPath()).isTrue();
        assertAccepted(schema, Map.of("a", 1L));
    }

    @Test
    void configuredSchemaMayReferToTheBundledDefinitions() throws IOException {
        Schemas.Loaded schema = load("{'$schema': 'https://json-schema.org/draft/2020-12/schema', "
                + "'type': 'object', 'required': ['n'], 'additionalProperties': false, 'properties': {"
                + "'n': {'$ref': 'https://townlet.ai/schemas/telemetry/snapshot.schema.json#/$defs/count'}, "
                + "'q': {'$ref': 'https://townlet.ai/schemas/telemetry/snapshot.schema.json#/$defs/queue_metrics'}}}");

        assertThat(schema.hasFastPath()).isTrue();
        assertAccepted(schema, Map.of("n", 3L), Map.of("n", 0, "q", Map.of("cooldown_events", 1L,
                "ghost_step_events", 0L, "rotation_events", 2L)));
        assertRejected(schema, Map.of("n", -1L), Map.of(), Map.of("n", 1L, "x", 1L), Map.of("n", 1L, "q",
                Map.of("cooldown_events", 1L)));
    }

    // ------------------------------------------------------------------ verdicts

    @Test
    void recursiveSchemaFollowsTheData() throws IOException {
        Schemas.Loaded schema = load("{'$defs': {'node': {'type': 'object', 'required': ['name'], 'properties': "
                + "{'name': {'type': 'string'}, 'children': {'type': 'array', 'items': {'$ref': '#/$defs/node'}}}}}, "
                + "'$ref': '#/$defs/node'}");
        Map<String, Object> leaf = Map.of("name", "c");

        assertThat(schema.hasFastPath()).isTrue();
        assertAccepted(schema, Map.of("name", "a", "children", List.of(Map.of("name", "b", "children",
                List.of(leaf)), leaf)));
        assertRejected(schema, Map.of("name", "a", "children", List.of(Map.of("children", List.of(leaf)))));
    }

    @Test
    void minLengthCountsCodePoints() throws IOException {
        Schemas.Loaded schema = load("{'type': 'string', 'minLength': 2}");

        assertAccepted(schema, "ab", "😀😀", "a😀");
        assertRejected(schema, "😀", "a", "");
    }

    @Test
    void integerLeavesWholeDoublesToNetworknt() throws IOException {
        Schemas.Loaded schema = load("{'type': 'integer', 'minimum': 0}");

        assertAccepted(schema, 0L, 7, java.math.BigInteger.TEN.pow(25));
        assertLeftToNetworknt(schema, 1.0, new BigDecimal("2.00"));
        assertRejected(schema, 1.5, -1L, -1, "1", null, true);
    }

    @Test
    void minimumIsExact() throws IOException {
        Schemas.Loaded tenth = load("{'minimum': 0.1}");
        Schemas.Loaded half = load("{'minimum': 0.5}");

        assertAccepted(tenth, 1L, new BigDecimal("0.1"), "not a number");
        // 0.1 is not a double: whether a Double near it passes depends on the text networknt reads back.
        assertLeftToNetworknt(tenth, 0.1, 0.2);
        assertRejected(tenth, 0L, new BigDecimal("0.0999"), 0.09999999999999999);
        assertAccepted(half, 0.75, 1L);
        assertLeftToNetworknt(half, 0.5);
        assertRejected(half, Math.nextDown(0.5), 0L);
    }

    @Test
    void notAcceptsOnlyWhatItsSubschemaSurelyRejects() throws IOException {
        Schemas.Loaded notInteger = load("{'not': {'type': 'integer'}}");
        Schemas.Loaded notEnum = load("{'not': {'enum': ['a', 1]}}");
        Schemas.Loaded notConst = load("{'not': {'const': 1}}");

        assertAccepted(notInteger, "x", Map.of(), List.of(), true);
        assertRejected(notInteger, 1L, 1.0);
        assertLeftToNetworknt(notInteger, 1.5);
        assertAccepted(notEnum, "b");
        assertRejected(notEnum, "a", 1L);
        assertLeftToNetworknt(notEnum, 2L);
        assertAccepted(notConst, "1");
        assertRejected(notConst, 1L, 1.0);
    }

    @Test
    void uniqueItemsIsDecidedForStringsOnly() throws IOException {
        Schemas.Loaded schema = load("{'type': 'array', 'uniqueItems': true}");

        assertAccepted(schema, List.of(), List.of(1L), List.of("a", "b"));
        assertRejected(schema, List.of("a", "a"), List.of(Map.of("a", 1L), Map.of("a", 1L)));
        // networknt compares Jackson nodes: a LongNode 1 and a DoubleNode 1.0 differ there.
        assertLeftToNetworknt(schema, List.of(1L, 2L), List.of("1", 1L), List.of(1L, 1.0));
    }

    @Test
    void propertyNamesSeeKeysAsToNodeWritesThem() throws IOException {
        Schemas.Loaded schema = load("{'propertyNames': {'not': {'const': '7'}}, "
                + "'additionalProperties': {'type': 'number'}}");

        assertAccepted(schema, Map.of(8, 1.5), Map.of("a", 1L));
        assertRejected(schema, Map.of(7, 1L), Map.of("7", 1L), Map.of(8, "x"));
    }

    @Test
    void valuesToNodeHandsToJacksonAreLeftToNetworknt() throws IOException {
        Schemas.Loaded schema = load("{'type': 'object', 'additionalProperties': {'type': 'number'}}");

        assertLeftToNetworknt(schema, Map.of("a", 1.5f), Map.of("a", (short) 1));
        assertRejected(schema, Map.of("a", new java.util.UUID(1, 2)));
    }
}
