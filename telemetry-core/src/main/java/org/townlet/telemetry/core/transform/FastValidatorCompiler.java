package org.townlet.telemetry.core.transform;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.townlet.telemetry.core.transform.FastValidator.ArrayShape;
import org.townlet.telemetry.core.transform.FastValidator.Check;
import org.townlet.telemetry.core.transform.FastValidator.Kind;
import org.townlet.telemetry.core.transform.FastValidator.Member;
import org.townlet.telemetry.core.transform.FastValidator.MinLength;
import org.townlet.telemetry.core.transform.FastValidator.Minimum;
import org.townlet.telemetry.core.transform.FastValidator.Never;
import org.townlet.telemetry.core.transform.FastValidator.Node;
import org.townlet.telemetry.core.transform.FastValidator.Not;
import org.townlet.telemetry.core.transform.FastValidator.ObjectShape;
import org.townlet.telemetry.core.transform.FastValidator.OneOfStrings;
import org.townlet.telemetry.core.transform.FastValidator.Ref;
import org.townlet.telemetry.core.transform.FastValidator.Types;

/**
 * Compiles a Draft 2020-12 schema document (its Jackson tree, once, at load) into a {@link FastValidator}, or into
 * nothing when the schema leaves the supported subset, in which case {@code schema_validator} always uses networknt.
 *
 * <p>The subset is what the bundled schemas use: {@code $ref} (to {@code #/json/pointer}s of the same document, or of
 * another document under {@link BundledSchemas#ID_PREFIX}, which networknt too maps to the bundled resources),
 * {@code type}, {@code properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code maxItems},
 * {@code minimum}, {@code minLength}, {@code enum}, {@code const}, {@code uniqueItems}, {@code propertyNames},
 * {@code not}, {@code $defs}, and the annotations {@code $comment}, {@code title}, {@code description},
 * {@code default}, {@code examples}; {@code $schema} (2020-12 only) and {@code $id} (absolute) at a document's root.
 * Any other keyword (networknt would ignore an unknown one, or apply one the fast path does not know), an
 * {@code $id} below the root (it would move the base of the refs under it), a ref that cannot be resolved here, or a
 * chain of refs that loops on the same value gives no fast path. Only the subschemas reachable from the root are
 * compiled, so an unused {@code $defs} entry does not matter.
 */
final class FastValidatorCompiler {
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    /** Keywords that validate nothing: annotations, and $defs (what a $ref reaches in it is compiled then). */
    private static final Set<String> INERT = Set.of("$comment", "title", "description", "default", "examples",
            "$defs");

    /** The schema leaves the subset: no fast path. An exception only to unwind the recursion; no stack trace. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A loaded schema document: its tree and the base URI its relative refs resolve against. */
    private record Document(URI base, JsonNode root) {
    }

    private final Function<String, JsonNode> bundledDocuments;
    private final Map<String, Document> documents = new HashMap<>();
    private final Map<JsonNode, Node> compiled = new IdentityHashMap<>();
    private final Set<JsonNode> followingRefs = Collections.newSetFromMap(new IdentityHashMap<>());

    private FastValidatorCompiler(Function<String, JsonNode> bundledDocuments) {
        this.bundledDocuments = bundledDocuments;
    }

    /**
     * The fast path of the schema document {@code root}, retrieved from {@code location}; empty when it leaves the
     * subset.
     *
     * @param bundledDocuments the document of an absolute URI under {@link BundledSchemas#ID_PREFIX} (without
     *                         fragment), as networknt loads it; {@code null} or an exception when there is none
     */
    static Optional<FastValidator> compile(String location, JsonNode root,
            Function<String, JsonNode> bundledDocuments) {
        return new FastValidatorCompiler(bundledDocuments).compile(location, root);
    }

    /** Why {@code root} has no fast path, or empty when it has one (for tests and diagnostics). */
    static Optional<String> whyNot(String location, JsonNode root, Function<String, JsonNode> bundledDocuments) {
        try {
            new FastValidatorCompiler(bundledDocuments).compileOrThrow(location, root);
            return Optional.empty();
        } catch (Unsupported e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            return Optional.of("cannot compile: " + e);
        }
    }

    private Optional<FastValidator> compile(String location, JsonNode root) {
        try {
            return Optional.of(compileOrThrow(location, root));
        } catch (Unsupported | RuntimeException e) {
            // Whatever goes wrong here (a malformed pointer, say) costs the fast path, never the schema.
            return Optional.empty();
        }
    }

    private FastValidator compileOrThrow(String location, JsonNode root) throws Unsupported {
        Document document = open(uri(location), root);
        Node node = compile(document, root);
        // A loop of $ref/not that never moves to a child value would recurse forever (in networknt too).
        Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node each : compiled.values()) {
            if (loops(each, Collections.newSetFromMap(new IdentityHashMap<>()), done)) {
                throw new Unsupported("$ref/not cycle on the same value");
            }
        }
        return new FastValidator(node);
    }

    // ------------------------------------------------------------------ documents and refs

    private Document open(URI retrieved, JsonNode root) throws Unsupported {
        if (!root.isObject() && !root.isBoolean()) {
            throw new Unsupported("a schema is an object or a boolean");
        }
        URI base = retrieved;
        JsonNode id = root.get("$id");
        if (id != null) {
            base = uri(text(id, "$id"));
            if (!base.isAbsolute() || (base.getRawFragment() != null && !base.getRawFragment().isEmpty())) {
                throw new Unsupported("$id must be an absolute URI: " + id);
            }
        }
        if (base.toString().startsWith(BundledSchemas.ID_PREFIX) && !retrieved.equals(base)
                && !retrieved.toString().equals(SchemaSource.CLASSPATH_PREFIX + BundledSchemas.RESOURCE_PREFIX
                        + base.toString().substring(BundledSchemas.ID_PREFIX.length()))) {
            // Another document claiming a bundled id: which of the two networknt resolves refs to is not clear.
            throw new Unsupported("$id of a bundled schema on another document: " + id);
        }
        JsonNode dialect = root.get("$schema");
        if (dialect != null && !DRAFT_2020_12.equals(dialect.asText())
                && !(DRAFT_2020_12 + "#").equals(dialect.asText())) {
            throw new Unsupported("$schema other than Draft 2020-12: " + dialect);
        }
        if (hasNestedId(root, true)) {
            throw new Unsupported("$id below the document root");
        }
        Document document = new Document(base, root);
        documents.put(withoutFragment(base), document);
        documents.putIfAbsent(withoutFragment(retrieved), document);
        return document;
    }

    private static boolean hasNestedId(JsonNode node, boolean isRoot) {
        if (node.isObject() && !isRoot && node.has("$id")) {
            return true;
        }
        for (JsonNode child : node) {
            if (child.isContainerNode() && hasNestedId(child, false)) {
                return true;
            }
        }
        return false;
    }

    private Node ref(Document from, String ref) throws Unsupported {
        URI uri = uri(ref);
        Document target;
        if (ref.startsWith("#")) {
            target = from;
        } else {
            if (from.base().isOpaque()) {
                throw new Unsupported("relative $ref against an opaque base: " + ref);
            }
            URI resolved = from.base().resolve(uri).normalize();
            String key = withoutFragment(resolved);
            target = documents.get(key);
            if (target == null) {
                target = load(key);
            }
        }
        String fragment = uri.getFragment();
        JsonNode node;
        if (fragment == null || fragment.isEmpty()) {
            node = target.root();
        } else if (fragment.startsWith("/")) {
            node = target.root().at(JsonPointer.compile(fragment));
        } else {
            throw new Unsupported("$ref to an anchor: " + ref);
        }
        if (node.isMissingNode()) {
            throw new Unsupported("$ref to nothing: " + ref);
        }
        return compile(target, node);
    }

    private Document load(String key) throws Unsupported {
        if (!key.startsWith(BundledSchemas.ID_PREFIX)) {
            throw new Unsupported("$ref to a document other than this one and the bundled ones: " + key);
        }
        JsonNode root;
        try {
            root = bundledDocuments.apply(key);
        } catch (RuntimeException e) {
            root = null;
        }
        if (root == null) {
            throw new Unsupported("$ref to a document that cannot be loaded: " + key);
        }
        return open(uri(key), root);
    }

    // ------------------------------------------------------------------ schemas and keywords

    private Node compile(Document document, JsonNode schema) throws Unsupported {
        Node done = compiled.get(schema);
        if (done != null) {
            return done;
        }
        if (schema.isBoolean()) {
            Node node = new Node();
            node.checks(schema.booleanValue() ? List.of() : List.of(new Never()));
            compiled.put(schema, node);
            return node;
        }
        if (!schema.isObject()) {
            throw new Unsupported("a schema is an object or a boolean: " + schema);
        }
        if (schema.has("$ref") && onlyRefAndAnnotations(schema, schema == document.root())) {
            // A schema that is only a $ref is its target: one hop less per value on the hot path.
            if (!followingRefs.add(schema)) {
                throw new Unsupported("$ref chain that loops");
            }
            Node target = ref(document, text(schema.get("$ref"), "$ref"));
            followingRefs.remove(schema);
            compiled.put(schema, target);
            return target;
        }
        // Registered before its keywords are compiled, so a recursive $ref below finds it.
        Node node = new Node();
        compiled.put(schema, node);
        node.checks(keywords(document, schema));
        return node;
    }

    private static boolean onlyRefAndAnnotations(JsonNode schema, boolean isRoot) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            boolean rootKeyword = isRoot && (name.equals("$schema") || name.equals("$id"));
            if (!name.equals("$ref") && !rootKeyword && !INERT.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private List<Check> keywords(Document document, JsonNode schema) throws Unsupported {
        List<Check> checks = new ArrayList<>();
        Map<String, Node> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        Node additional = null;
        Node names = null;
        boolean objectKeywords = false;
        Node items = null;
        int maxItems = Integer.MAX_VALUE;
        boolean unique = false;
        boolean arrayKeywords = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            switch (keyword) {
                case "$schema", "$id" -> {
                    if (schema != document.root()) {
                        throw new Unsupported(keyword + " below the document root");
                    }
                }
                case "$ref" -> checks.add(new Ref(ref(document, text(value, keyword))));
                case "type" -> checks.add(new Types(types(value), !schema.has("enum")));
                case "properties" -> {
                    if (!value.isObject()) {
                        throw new Unsupported("properties must be an object");
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = it.next();
                        properties.put(property.getKey(), compile(document, property.getValue()));
                    }
                    objectKeywords = true;
                }
                case "required" -> {
                    if (!value.isArray()) {
                        throw new Unsupported("required must be an array");
                    }
                    for (JsonNode name : value) {
                        required.add(text(name, keyword));
                    }
                    objectKeywords = true;
                }
                case "additionalProperties" -> {
                    // true (or {}) constrains nothing: no check, and no walk into the values.
                    additional = isTrue(value) ? null : compile(document, value);
                    objectKeywords = true;
                }
                case "propertyNames" -> {
                    names = isTrue(value) ? null : compile(document, value);
                    objectKeywords = true;
                }
                case "items" -> {
                    items = isTrue(value) ? null : compile(document, value);
                    arrayKeywords = true;
                }
                case "maxItems" -> {
                    maxItems = nonNegativeInt(value, keyword);
                    arrayKeywords = true;
                }
                case "uniqueItems" -> {
                    if (!value.isBoolean()) {
                        throw new Unsupported("uniqueItems must be a boolean");
                    }
                    unique = value.booleanValue();
                    arrayKeywords = true;
                }
                case "minimum" -> checks.add(minimum(value));
                case "minLength" -> checks.add(new MinLength(nonNegativeInt(value, keyword)));
                case "enum" -> {
                    if (!value.isArray()) {
                        throw new Unsupported("enum must be an array");
                    }
                    checks.add(new OneOfStrings(strings(value)));
                }
                case "const" -> checks.add(new OneOfStrings(value.isTextual() ? Set.of(value.textValue()) : Set.of()));
                case "not" -> checks.add(new Not(compile(document, value)));
                default -> {
                    if (!INERT.contains(keyword)) {
                        throw new Unsupported("keyword " + keyword);
                    }
                }
            }
        }
        if (objectKeywords) {
            checks.add(objectShape(properties, required, additional, names));
        }
        if (arrayKeywords && (items != null || maxItems != Integer.MAX_VALUE || unique)) {
            checks.add(new ArrayShape(items, maxItems, unique));
        }
        return checks;
    }

    private static ObjectShape objectShape(Map<String, Node> properties, Set<String> required, Node additional,
            Node names) throws Unsupported {
        if (required.size() > Long.SIZE) {
            throw new Unsupported("more than 64 required properties");
        }
        Map<String, Member> members = new HashMap<>();
        properties.forEach((name, schema) -> members.put(name, new Member(schema, -1)));
        int bit = 0;
        for (String name : required) {
            Node schema = properties.get(name);
            members.put(name, new Member(schema, bit++));
        }
        return new ObjectShape(Map.copyOf(members), additional, names, required.size());
    }

    private static int types(JsonNode value) throws Unsupported {
        if (value.isTextual()) {
            return type(value.textValue());
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new Unsupported("type must be a string or a non-empty array of strings");
        }
        int allowed = 0;
        for (JsonNode each : value) {
            if (!each.isTextual()) {
                throw new Unsupported("type must be a string or a non-empty array of strings");
            }
            allowed |= type(each.textValue());
        }
        return allowed;
    }

    private static int type(String name) throws Unsupported {
        return switch (name) {
            case "null" -> Kind.NULL.bit;
            case "boolean" -> Kind.BOOLEAN.bit;
            case "string" -> Kind.STRING.bit;
            case "integer" -> Kind.INTEGER.bit;
            case "number" -> Kind.NUMBER.bit;
            case "object" -> Kind.OBJECT.bit;
            case "array" -> Kind.ARRAY.bit;
            default -> throw new Unsupported("type " + name);
        };
    }

    private static Minimum minimum(JsonNode value) throws Unsupported {
        if (!value.isNumber()) {
            throw new Unsupported("minimum must be a number");
        }
        try {
            // networknt reads the bound from the node's text (new BigDecimal(asText())); so does this.
            return Minimum.of(new BigDecimal(value.asText()));
        } catch (NumberFormatException e) {
            throw new Unsupported("minimum " + value);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> strings = new HashSet<>();
        for (JsonNode member : array) {
            if (member.isTextual()) {
                strings.add(member.textValue());
            }
        }
        return Set.copyOf(strings);
    }

    private static int nonNegativeInt(JsonNode value, String keyword) throws Unsupported {
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt()
                || value.intValue() < 0) {
            throw new Unsupported(keyword + " must be a non-negative integer");
        }
        return value.intValue();
    }

    private static boolean isTrue(JsonNode schema) {
        return (schema.isBoolean() && schema.booleanValue()) || (schema.isObject() && schema.isEmpty());
    }

    private static String text(JsonNode value, String keyword) throws Unsupported {
        if (!value.isTextual()) {
            throw new Unsupported(keyword + " must be a string");
        }
        return value.textValue();
    }

    private static URI uri(String text) throws Unsupported {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new Unsupported("not a URI: " + text);
        }
    }

    private static String withoutFragment(URI uri) {
        String text = uri.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    private static boolean loops(Node node, Set<Node> path, Set<Node> done) {
        if (done.contains(node)) {
            return false;
        }
        if (!path.add(node)) {
            return true;
        }
        for (Check check : node.checks()) {
            Node next = check instanceof Ref ref ? ref.target() : check instanceof Not not ? not.inner() : null;
            if (next != null && loops(next, path, done)) {
                return true;
            }
        }
        path.remove(node);
        done.add(node);
        return false;
    }
}
