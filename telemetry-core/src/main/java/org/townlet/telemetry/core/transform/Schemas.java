package org.townlet.telemetry.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loading and running JSON schemas with the networknt validator (1.x API, Draft 2020-12). One factory for the process:
 * ids under {@link BundledSchemas#ID_PREFIX} map to the bundled classpath resources, {@code classpath:} locations load
 * through this module's class loader, {@code file:} locations from disk, and every other scheme (http, https, ...) is
 * refused, so a schema never reaches the network. Compiled schemas are cached by location; {@link JsonSchema} and
 * {@link FastValidator} are thread-safe, so the cache is shared by every pipeline.
 *
 * <p>Each loaded schema also gets, when it stays in the supported keyword subset, a {@link FastValidator} that
 * decides "definitely valid" on the plain frame without building a tree ({@link Loaded#errors(Map)}).
 */
final class Schemas {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .locale(Locale.ENGLISH)
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(false)
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder
                    .schemaMappers(mappers -> mappers.mapPrefix(BundledSchemas.ID_PREFIX,
                            SchemaSource.CLASSPATH_PREFIX + BundledSchemas.RESOURCE_PREFIX))
                    .schemaLoaders(loaders -> loaders
                            .add(new ModuleClasspathLoader())
                            .add(new AllowSchemaLoader(iri -> isLocal(iri.toString())))));
    private static final Map<String, Loaded> CACHE = new ConcurrentHashMap<>();
    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private Schemas() {
    }

    /** A schema that cannot be used: missing, unreadable, not JSON, or not a valid schema. */
    static final class LoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A schema as {@code schema_validator} runs it: networknt's compiled schema, which is the reference and writes
     * every message, and the fast path when the schema stays in its subset. Immutable, thread-safe.
     *
     * @param schema   networknt's compiled schema
     * @param fastPath the fast path; {@code null} when the schema uses a keyword or ref outside the subset
     */
    record Loaded(JsonSchema schema, FastValidator fastPath) {
        /**
         * The validator's messages for {@code frame} (plain JSON values), in order; {@code []} when it is valid. A
         * frame the fast path accepts is valid for networknt too (its contract), so networknt runs, on the frame's
         * tree, only for frames the fast path is not sure of: invalid ones, and the rare valid ones it declines.
         */
        List<String> errors(Map<String, ?> frame) {
            if (fastPath != null && fastPath.accepts(frame)) {
                return List.of();
            }
            return Schemas.errors(schema, toNode(frame));
        }

        /** Whether valid frames are decided without networknt. */
        boolean hasFastPath() {
            return fastPath != null;
        }
    }

    /**
     * The compiled schema at {@code source}, with its {@code $ref}s resolved now, and its fast path when it has one.
     *
     * @throws LoadException if it cannot be read or does not compile
     */
    static Loaded load(SchemaSource source) {
        Loaded cached = CACHE.get(source.location());
        if (cached != null) {
            return cached;
        }
        JsonSchema schema = compile(source);
        // Compiled from the very tree networknt loaded; cross-document refs are fetched through the same factory.
        FastValidator fastPath = FastValidatorCompiler.compile(source.location(), schema.getSchemaNode(),
                Schemas::bundledDocument).orElse(null);
        Loaded loaded = new Loaded(schema, fastPath);
        Loaded raced = CACHE.putIfAbsent(source.location(), loaded);
        return raced != null ? raced : loaded;
    }

    /** The document of a bundled schema id (without fragment), as the factory loads it. */
    static JsonNode bundledDocument(String id) {
        return FACTORY.getSchema(SchemaLocation.of(id), CONFIG).getSchemaNode();
    }

    private static JsonSchema compile(SchemaSource source) {
        if (source.isClasspath()) {
            String resource = source.location().substring(SchemaSource.CLASSPATH_PREFIX.length());
            if (resourceUrl(resource) == null) {
                throw new LoadException("classpath resource not found: " + resource, null);
            }
        }
        try {
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(source.location()), CONFIG);
            if (!isBundled(source)) {
                // A configured schema must be a valid schema, not just parse: check it against the meta-schema. The
                // bundled ones are checked by this module's tests, which keeps start-up cheap.
                List<String> problems = errors(FACTORY.getSchema(SchemaLocation.of(META_SCHEMA), CONFIG),
                        schema.getSchemaNode());
                if (!problems.isEmpty()) {
                    throw new LoadException("not a valid Draft 2020-12 schema: " + String.join("; ", problems),
                            null);
                }
            }
            schema.initializeValidators();
            return schema;
        } catch (JsonSchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new LoadException("schema does not compile: " + rootMessage(e), e);
        } catch (java.io.UncheckedIOException e) {
            throw new LoadException("schema cannot be read: " + rootMessage(e), e);
        }
    }

    /** The validator's messages for {@code node}, in order; {@code []} when it is valid. */
    static List<String> errors(JsonSchema schema, JsonNode node) {
        Set<ValidationMessage> messages = schema.validate(node);
        if (messages.isEmpty()) {
            return List.of();
        }
        List<String> errors = new ArrayList<>(messages.size());
        for (ValidationMessage message : messages) {
            errors.add(message.getMessage());
        }
        return List.copyOf(errors);
    }

    /**
     * The tree of a plain JSON value (maps, lists, strings, booleans, numbers, {@code null}), built directly: frames
     * hold only plain values, and this is several times cheaper than {@code valueToTree}, which serialises through a
     * token buffer. Anything else falls back to {@code valueToTree}.
     */
    static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = new ObjectNode(NODES, new java.util.LinkedHashMap<>(map.size() * 4 / 3 + 1));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                object.set(String.valueOf(entry.getKey()), toNode(entry.getValue()));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object item : list) {
                array.add(toNode(item));
            }
            return array;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof BigInteger number) {
            return NODES.numberNode(number);
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        return MAPPER.valueToTree(value);
    }

    private static boolean isBundled(SchemaSource source) {
        return source.equals(SchemaSource.classpath(BundledSchemas.SNAPSHOT_RESOURCE))
                || source.equals(SchemaSource.classpath(BundledSchemas.DIFF_RESOURCE));
    }

    private static boolean isLocal(String iri) {
        return iri.startsWith(SchemaSource.CLASSPATH_PREFIX) || iri.startsWith("resource:") || iri.startsWith("file:");
    }

    private static URL resourceUrl(String resource) {
        ClassLoader loader = Schemas.class.getClassLoader();
        URL url = loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
        if (url == null && Thread.currentThread().getContextClassLoader() != null) {
            url = Thread.currentThread().getContextClassLoader().getResource(resource);
        }
        return url;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /** {@code classpath:} locations, loaded through this module's class loader (then the context class loader). */
    private static final class ModuleClasspathLoader implements SchemaLoader {
        @Override
        public InputStreamSource getSchema(com.networknt.schema.AbsoluteIri iri) {
            String text = iri.toString();
            if (!text.startsWith(SchemaSource.CLASSPATH_PREFIX)) {
                return null;
            }
            String resource = text.substring(SchemaSource.CLASSPATH_PREFIX.length());
            if (resource.startsWith("/")) {
                resource = resource.substring(1);
            }
            URL url = resourceUrl(resource);
            if (url == null) {
                return null;
            }
            return () -> {
                InputStream in = url.openStream();
                return in;
            };
        }
    }
}
