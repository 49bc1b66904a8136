package org.townlet.app.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.townlet.app.config.ConfigNode.ListNode;
import org.townlet.app.config.ConfigNode.MapNode;
import org.townlet.app.config.ConfigNode.Member;
import org.townlet.sim.SimulationConfig;

/**
 * Binds the simulation's blocks (SPEC §17.7: {@code simulation}, {@code needs}, {@code queues}, … {@code story},
 * {@code monitor}) onto sim-engine's own records. The blocks are found from {@link SimulationConfig}'s components, so
 * a block the engine adds is bound without a change here. Each block starts from the chosen scenario's preset (as a
 * tree); the file's keys are laid over it (a key the preset block does not have is unknown) and the result is bound
 * through the record's canonical constructor, whose checks name the key ({@code needs.hunger_decay must be 0–1; got
 * 2.0}) and are reported at that key's position.
 */
final class SimulationBinder {
    /** snake_case keys onto the engine's camelCase record components. */
    static final ObjectMapper SIM = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    /** Components of {@link SimulationConfig} that are not a block of their own. */
    private static final List<String> NOT_BLOCKS = List.of("configId", "simulation");

    private final Problems problems;

    SimulationBinder(Problems problems) {
        this.problems = problems;
    }

    /**
     * Binds every block of the engine (not {@code simulation}, which the caller reads key by key) into
     * {@code builder}, starting from {@code preset}.
     */
    void bindBlocks(Section root, SimulationConfig preset, SimulationConfig.Builder builder) {
        for (RecordComponent component : SimulationConfig.class.getRecordComponents()) {
            if (NOT_BLOCKS.contains(component.getName())) {
                continue;
            }
            String name = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(component.getName());
            Object presetValue = invoke(component.getAccessor(), preset);
            ObjectNode presetTree = SIM.valueToTree(presetValue);
            Section block = root.block(name, "the simulation's " + name + " settings (SPEC §17.7)");
            ObjectNode merged = presetTree.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> fields = presetTree.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode given = block.given(field.getKey())
                        ? block.node().member(field.getKey()).value().toJson() : null;
                block.generic(field.getKey(), typeOf(field.getValue()), field.getValue(), given,
                        root.documenting() ? probeBounds(component.getType(), presetTree, field.getKey()) : "");
                if (given != null) {
                    merged.set(field.getKey(), given);
                }
            }
            block.finish(); // unknown keys are reported; the known ones are still bound and checked
            if (block.node().members().isEmpty()) {
                continue;
            }
            Object value = bindRecord(block, merged, component.getType());
            if (value != null) {
                invoke(builderSetter(component), builder, value);
                block.effective().setAll((ObjectNode) SIM.valueToTree(value));
            }
        }
    }

    /**
     * The bounds the engine's record enforces on a numeric key, read from its own messages by binding an extreme value
     * on each side ({@code needs.hunger_decay must be 0–1; got …} gives {@code 0–1}), so the reference states what
     * the engine checks.
     */
    static String probeBounds(Class<?> type, ObjectNode preset, String key) {
        JsonNode value = preset.get(key);
        if (value != null && value.isArray()) {
            java.util.Set<String> fields = new java.util.TreeSet<>();
            value.forEach(entry -> entry.fieldNames().forEachRemaining(fields::add));
            return fields.isEmpty() ? "a list" : "entries with " + String.join(", ", fields);
        }
        if (value == null || !value.isNumber()) {
            return "";
        }
        java.util.Set<String> rules = new java.util.LinkedHashSet<>();
        for (double extreme : new double[] {-1e12, 1e12}) {
            ObjectNode probe = preset.deepCopy();
            if (value.isIntegralNumber()) {
                probe.put(key, (long) extreme);
            } else {
                probe.put(key, extreme);
            }
            try {
                SIM.treeToValue(probe, type);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                String message = rootMessage(e);
                if (message != null && message.contains(" must ")) {
                    String rule = message.substring(message.indexOf(" must ") + 1);
                    int got = rule.indexOf("; got");
                    rules.add((got < 0 ? rule : rule.substring(0, got)).replaceFirst("^must be ", ""));
                }
            }
        }
        return String.join("; ", rules);
    }

    private Object bindRecord(Section block, ObjectNode merged, Class<?> type) {
        try {
            return SIM.treeToValue(merged, type);
        } catch (UnrecognizedPropertyException e) {
            problems.add(block.node().origin(), block.path() + path(e), "unknown key", null,
                    new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()).toString());
        } catch (ValueInstantiationException e) {
            reportCheck(block, rootMessage(e));
        } catch (JsonMappingException e) {
            String path = block.path() + path(e);
            ConfigNode node = ConfigNode.find(block.node(), path(e));
            problems.add(node != null ? node.origin() : block.node().origin(), path,
                    "invalid value: " + e.getOriginalMessage().lines().findFirst().orElse(""),
                    node == null ? null : node.describe(), null);
        } catch (IllegalArgumentException e) {
            reportCheck(block, e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(block.node().origin(), block.path(), "invalid settings: " + e.getOriginalMessage(), null,
                    null);
        }
        return null;
    }

    /** Reports a record's check at the longest key path its message starts with. */
    void reportCheck(Section block, String message) {
        String text = message == null ? "invalid" : message;
        String best = null;
        for (String candidate : paths(block.path(), block.node())) {
            if (text.startsWith(candidate) && (text.length() == candidate.length()
                    || " :;".indexOf(text.charAt(candidate.length())) >= 0)
                    && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        if (best == null) {
            problems.add(block.node().origin(), block.path(), text, null, null);
            return;
        }
        ConfigNode node = best.equals(block.path()) ? block.node()
                : ConfigNode.find(block.node(), best.substring(block.path().length()));
        String problem = text.substring(best.length()).replaceFirst("^[:;]?\\s*", "");
        problems.add(node != null ? node.origin() : block.node().origin(), best, problem, null, null);
    }

    /** Every key path under {@code node}, e.g. {@code story.beats[0].tick}. */
    private static List<String> paths(String prefix, ConfigNode node) {
        List<String> paths = new ArrayList<>();
        paths.add(prefix);
        if (node instanceof MapNode map) {
            for (Map.Entry<String, Member> entry : map.members().entrySet()) {
                paths.addAll(paths(prefix + "." + entry.getKey(), entry.getValue().value()));
            }
        } else if (node instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                paths.addAll(paths(prefix + "[" + i + "]", list.items().get(i)));
            }
        }
        return paths;
    }

    private static String path(JsonMappingException e) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            text.append(reference.getFieldName() != null ? "." + reference.getFieldName()
                    : "[" + reference.getIndex() + "]");
        }
        return text.toString();
    }

    static String typeOf(JsonNode value) {
        if (value.isBoolean()) {
            return "boolean";
        } else if (value.isIntegralNumber()) {
            return "integer";
        } else if (value.isNumber()) {
            return "number";
        } else if (value.isArray()) {
            return "list";
        } else if (value.isObject()) {
            return "map";
        }
        return "string";
    }

    private static Method builderSetter(RecordComponent component) {
        try {
            return SimulationConfig.Builder.class.getMethod(component.getName(), component.getType());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("SimulationConfig.Builder has no " + component.getName() + "("
                    + component.getType().getSimpleName() + ")", e);
        }
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
