package org.townlet.telemetry.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.townlet.telemetry.api.transport.FrameKind;
import org.townlet.telemetry.core.config.TelemetryConfigException;

/**
 * Parses and validates the {@code telemetry.transforms.pipeline} subtree of a configuration (SPEC §10.3) into a
 * {@link TransformPipeline}. Everything is checked here, at load: ids, entry forms, every option (unknown options
 * rejected), the order of the stages, and the schemas (which must exist and compile). Errors are
 * {@link TelemetryConfigException}s naming the key path, e.g. {@code telemetry.transforms.pipeline[1].options.fields}.
 *
 * <p>Entry forms: a string ({@code - snapshot_normalizer}; only for transforms without required options); a map with
 * {@code id} (or {@code name}) and an {@code options} map; a map with {@code id} (or {@code name}) and the options
 * inline; the shorthand {@code - redact_fields: {fields: [secret]}} (a one-key map keyed by the id). Ids are trimmed
 * and lower-cased.
 *
 * <p>Stateless apart from its key prefix and directory; thread-safe.
 */
public final class TransformPipelineParser {
    /** The key path of the pipeline in the configuration. */
    public static final String DEFAULT_KEY = "telemetry.transforms.pipeline";

    private static final List<String> KIND_NAMES = List.of("snapshot", "diff");
    private static final List<String> MODE_NAMES = List.of("drop", "warn", "raise");

    private final String key;
    private final Path configDirectory;

    /**
     * A parser reporting keys under {@code key} (normally {@value #DEFAULT_KEY}) and resolving relative schema paths
     * against {@code configDirectory} ({@code null}: the working directory).
     */
    public TransformPipelineParser(String key, Path configDirectory) {
        this.key = key == null ? DEFAULT_KEY : key;
        this.configDirectory = configDirectory == null ? Path.of("") : configDirectory;
    }

    /**
     * The pipeline of {@code node}: {@code null}, a missing or null node, or an empty list give
     * {@link TransformPipeline#DEFAULT}; a non-empty list replaces the default completely.
     *
     * @throws TelemetryConfigException naming the key path and the problem
     */
    public TransformPipeline parse(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return TransformPipeline.DEFAULT;
        }
        if (!node.isArray()) {
            throw TelemetryConfigException.entry(key, "must be a list of transforms; got " + node);
        }
        if (node.isEmpty()) {
            return TransformPipeline.DEFAULT;
        }
        List<TransformSpec> specs = new ArrayList<>();
        String firstFrameTransform = null;
        for (int i = 0; i < node.size(); i++) {
            TransformSpec spec = entry(node.get(i), key + "[" + i + "]");
            if (spec.sectionStage() && firstFrameTransform != null) {
                throw TelemetryConfigException.entry(key + "[" + i + "]", orderProblem(spec.id()));
            }
            if (!spec.sectionStage() && firstFrameTransform == null) {
                firstFrameTransform = spec.id();
            }
            specs.add(spec);
        }
        return TransformPipeline.of(specs);
    }

    /** The problem of a section transform listed after a frame transform. */
    static String orderProblem(String id) {
        return id + " must precede ensure_fields and schema_validator; section transforms run before diffing";
    }

    // ------------------------------------------------------------------ entries

    private TransformSpec entry(JsonNode entry, String path) {
        if (entry.isTextual()) {
            String id = id(entry.asText(), path);
            if (TransformSpec.REDACT_FIELDS.equals(id) || TransformSpec.SCHEMA_VALIDATOR.equals(id)) {
                String required = TransformSpec.REDACT_FIELDS.equals(id) ? "fields" : "schemas";
                throw TelemetryConfigException.entry(path, id + " needs options (" + required
                        + "); give it as a map, e.g. {id: " + id + ", options: {" + required + ": ...}}");
            }
            return build(id, Map.of(), path);
        }
        if (!entry.isObject()) {
            throw TelemetryConfigException.entry(path, "must be a transform id or a map; got " + entry);
        }
        boolean hasId = entry.has("id");
        boolean hasName = entry.has("name");
        if (hasId && hasName) {
            throw TelemetryConfigException.entry(path, "give either id or name, not both");
        }
        if (hasId || hasName) {
            String idKey = hasId ? "id" : "name";
            JsonNode idNode = entry.get(idKey);
            if (!idNode.isTextual()) {
                throw TelemetryConfigException.entry(path + "." + idKey, "must be a transform id; got " + idNode);
            }
            String id = id(idNode.asText(), path + "." + idKey);
            LinkedHashMap<String, JsonNode> inline = new LinkedHashMap<>();
            entry.fields().forEachRemaining(field -> {
                if (!field.getKey().equals(idKey) && !field.getKey().equals("options")) {
                    inline.put(field.getKey(), field.getValue());
                }
            });
            if (entry.has("options")) {
                JsonNode options = entry.get("options");
                if (!inline.isEmpty()) {
                    throw TelemetryConfigException.entry(path, "options given both under 'options' and inline "
                            + inline.keySet() + "; use one form");
                }
                if (options.isNull()) {
                    return build(id, Map.of(), path + ".options");
                }
                if (!options.isObject()) {
                    throw TelemetryConfigException.entry(path + ".options", "must be a map of options; got "
                            + options);
                }
                return build(id, fields(options), path + ".options");
            }
            return build(id, inline, path);
        }
        if (entry.size() == 1) {
            Map.Entry<String, JsonNode> only = entry.fields().next();
            String id = id(only.getKey(), path);
            String optionsPath = path + "." + only.getKey();
            JsonNode options = only.getValue();
            if (options.isNull()) {
                return build(id, Map.of(), optionsPath);
            }
            if (!options.isObject()) {
                throw TelemetryConfigException.entry(optionsPath, "must be a map of options; got " + options);
            }
            return build(id, fields(options), optionsPath);
        }
        throw TelemetryConfigException.entry(path, "needs an id (or name); got keys " + fields(entry).keySet());
    }

    private static String id(String raw, String path) {
        String id = raw.trim().toLowerCase(Locale.ROOT);
        if (!TransformSpec.IDS.contains(id)) {
            throw TelemetryConfigException.entry(path, "Unsupported telemetry transform id '" + id
                    + "'. Supported transforms: " + String.join(", ", TransformSpec.IDS));
        }
        return id;
    }

    private TransformSpec build(String id, Map<String, JsonNode> options, String path) {
        return switch (id) {
            case TransformSpec.SNAPSHOT_NORMALIZER -> {
                allowOnly(options, path, List.of());
                yield new TransformSpec.SnapshotNormalizer();
            }
            case TransformSpec.REDACT_FIELDS -> redactFields(options, path);
            case TransformSpec.ENSURE_FIELDS -> ensureFields(options, path);
            case TransformSpec.SCHEMA_VALIDATOR -> schemaValidator(options, path);
            default -> throw new IllegalStateException("unhandled transform " + id);
        };
    }

    // ------------------------------------------------------------------ options

    private TransformSpec redactFields(Map<String, JsonNode> options, String path) {
        allowOnly(options, path, List.of("fields", "kinds"));
        JsonNode fields = options.get("fields");
        if (fields == null) {
            throw TelemetryConfigException.entry(path + ".fields", "required: a non-empty list of field names");
        }
        List<String> names = strings(fields, path + ".fields", false);
        Set<FrameKind> kinds = options.containsKey("kinds") ? kinds(options.get("kinds"), path + ".kinds")
                : EnumSet.allOf(FrameKind.class);
        return new TransformSpec.RedactFields(names, kinds);
    }

    private TransformSpec ensureFields(Map<String, JsonNode> options, String path) {
        allowOnly(options, path, List.of("default_required_fields", "required_fields_by_kind"));
        LinkedHashMap<FrameKind, List<String>> byKind = new LinkedHashMap<>();
        JsonNode perKind = options.get("required_fields_by_kind");
        if (perKind != null && !perKind.isNull()) {
            String perKindPath = path + ".required_fields_by_kind";
            if (!perKind.isObject()) {
                throw TelemetryConfigException.entry(perKindPath, "must be a map of frame kind to field names; got "
                        + perKind);
            }
            for (Map.Entry<String, JsonNode> field : fields(perKind).entrySet()) {
                String kindPath = perKindPath + "." + field.getKey();
                byKind.put(kind(field.getKey(), kindPath), strings(field.getValue(), kindPath, true));
            }
        }
        JsonNode defaults = options.get("default_required_fields");
        List<String> defaultFields = defaults == null || defaults.isNull()
                ? TransformSpec.EnsureFields.DEFAULT_REQUIRED_FIELDS
                : strings(defaults, path + ".default_required_fields", true);
        return new TransformSpec.EnsureFields(byKind, defaultFields);
    }

    private TransformSpec schemaValidator(Map<String, JsonNode> options, String path) {
        allowOnly(options, path, List.of("mode", "schemas"));
        JsonNode schemas = options.get("schemas");
        String schemasPath = path + ".schemas";
        if (schemas == null || schemas.isNull()) {
            throw TelemetryConfigException.entry(schemasPath, "required: a map of frame kind to schema; allowed "
                    + "kinds: [snapshot, diff]");
        }
        if (!schemas.isObject() || schemas.isEmpty()) {
            throw TelemetryConfigException.entry(schemasPath, "must be a non-empty map of frame kind to schema; got "
                    + schemas);
        }
        LinkedHashMap<FrameKind, SchemaSource> sources = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : fields(schemas).entrySet()) {
            String schemaPath = schemasPath + "." + field.getKey();
            FrameKind kind = kind(field.getKey(), schemaPath);
            JsonNode value = field.getValue();
            if (!value.isTextual() || value.asText().isBlank()) {
                throw TelemetryConfigException.entry(schemaPath, "must be 'classpath:<resource>' or a file path; got "
                        + value);
            }
            SchemaSource source = source(value.asText().trim(), schemaPath);
            try {
                Schemas.load(source);
            } catch (Schemas.LoadException e) {
                throw TelemetryConfigException.entry(schemaPath, e.getMessage() + " (" + source.configured() + ")",
                        e);
            }
            sources.put(kind, source);
        }
        ValidationMode mode = ValidationMode.DROP;
        JsonNode modeNode = options.get("mode");
        if (modeNode != null && !modeNode.isNull()) {
            mode = modeNode.isTextual() ? ValidationMode.fromConfigName(modeNode.asText()) : null;
            if (mode == null) {
                throw TelemetryConfigException.entry(path + ".mode", "must be one of " + MODE_NAMES + "; got "
                        + modeNode);
            }
        }
        return new TransformSpec.SchemaValidator(sources, mode);
    }

    private SchemaSource source(String configured, String path) {
        if (configured.startsWith(SchemaSource.CLASSPATH_PREFIX)) {
            String resource = configured.substring(SchemaSource.CLASSPATH_PREFIX.length()).trim();
            if (resource.isEmpty() || resource.equals("/")) {
                throw TelemetryConfigException.entry(path, "classpath: needs a resource name; got '" + configured
                        + "'");
            }
            return SchemaSource.classpath(resource);
        }
        Path file = expand(configured);
        if (!file.isAbsolute()) {
            file = configDirectory.resolve(file);
        }
        file = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw TelemetryConfigException.entry(path, "schema file not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw TelemetryConfigException.entry(path, "schema file not readable: " + file);
        }
        return SchemaSource.file(configured, file);
    }

    private static Path expand(String configured) {
        if (configured.equals("~")) {
            return Path.of(System.getProperty("user.home"));
        }
        if (configured.startsWith("~/") || configured.startsWith("~\\")) {
            return Path.of(System.getProperty("user.home")).resolve(configured.substring(2));
        }
        return Path.of(configured);
    }

    private static void allowOnly(Map<String, JsonNode> options, String path, List<String> allowed) {
        for (String option : options.keySet()) {
            if (!allowed.contains(option)) {
                throw TelemetryConfigException.entry(path + "." + option, "unknown option; allowed: " + allowed);
            }
        }
    }

    /** A list of strings: a scalar is rejected; {@code allowEmpty} says whether {@code []} is fine. */
    private static List<String> strings(JsonNode node, String path, boolean allowEmpty) {
        String expected = allowEmpty ? "a list of strings" : "a non-empty list of strings";
        if (!node.isArray() || (!allowEmpty && node.isEmpty())) {
            throw TelemetryConfigException.entry(path, "must be " + expected + "; got " + node);
        }
        List<String> values = new ArrayList<>(node.size());
        for (int j = 0; j < node.size(); j++) {
            JsonNode item = node.get(j);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw TelemetryConfigException.entry(path + "[" + j + "]", "must be a non-blank string; got " + item);
            }
            values.add(item.asText().trim());
        }
        return List.copyOf(values);
    }

    private static Set<FrameKind> kinds(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty()) {
            throw TelemetryConfigException.entry(path, "must be a non-empty list of frame kinds; allowed: "
                    + KIND_NAMES + "; got " + node);
        }
        EnumSet<FrameKind> kinds = EnumSet.noneOf(FrameKind.class);
        for (int j = 0; j < node.size(); j++) {
            JsonNode item = node.get(j);
            if (!item.isTextual()) {
                throw TelemetryConfigException.entry(path + "[" + j + "]", "must be a frame kind; allowed: "
                        + KIND_NAMES + "; got " + item);
            }
            kinds.add(kind(item.asText(), path + "[" + j + "]"));
        }
        return kinds;
    }

    private static FrameKind kind(String raw, String path) {
        String name = raw.trim().toLowerCase(Locale.ROOT);
        for (FrameKind kind : FrameKind.values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        throw TelemetryConfigException.entry(path, "unknown frame kind '" + raw + "'; allowed: " + KIND_NAMES);
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        LinkedHashMap<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue());
        }
        return fields;
    }
}
