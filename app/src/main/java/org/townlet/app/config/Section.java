package org.townlet.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.townlet.app.config.ConfigNode.ListNode;
import org.townlet.app.config.ConfigNode.MapNode;
import org.townlet.app.config.ConfigNode.Member;
import org.townlet.app.config.ConfigNode.ScalarNode;

/**
 * Reads one mapping of the configuration, key by key. Each read declares the key (so {@link #finish} can reject every
 * other key, listing the declared ones), checks the value against its type and bounds (reporting to {@link Problems}
 * and falling back to the default, so binding goes on and every error is found), records the effective value, and,
 * when a {@link ConfigReference} is attached, documents the key. A {@code null} value counts as absent.
 *
 * <p>Every key must be read unconditionally, whatever the other values are, so that the allowed-key lists and the
 * reference are complete. Single-threaded.
 */
final class Section {
    private final String path;
    private final MapNode node;
    private final Problems problems;
    private final ConfigReference reference;
    private final ObjectNode effective = ConfigNode.JSON.objectNode();
    private final Set<String> declared = new LinkedHashSet<>();
    private final Set<String> invalid = new HashSet<>();

    private Section(String path, MapNode node, Problems problems, ConfigReference reference) {
        this.path = path;
        this.node = node;
        this.problems = problems;
        this.reference = reference;
    }

    static Section root(MapNode node, Problems problems, ConfigReference reference) {
        return new Section("", node, problems, reference);
    }

    /** A mapping at {@code path} that is not documented (an entry of a list). */
    static Section at(String path, MapNode node, Problems problems) {
        return new Section(path, node, problems, null);
    }

    /** Whether keys are being documented (the reference is built), not only bound. */
    boolean documenting() {
        return reference != null;
    }

    String path() {
        return path;
    }

    MapNode node() {
        return node;
    }

    Problems problems() {
        return problems;
    }

    ObjectNode effective() {
        return effective;
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The member holding a non-null value, or {@code null}. */
    Member member(String key) {
        Member member = node.member(key);
        if (member == null || member.value() instanceof ScalarNode scalar && scalar.value() == null) {
            return null;
        }
        return member;
    }

    boolean given(String key) {
        return member(key) != null;
    }

    /** Whether the key was given and passed its own checks. */
    boolean givenAndValid(String key) {
        return given(key) && !invalid.contains(key);
    }

    /** Where the value of {@code key} is, or where this mapping is when the key is absent. */
    Origin originOf(String key) {
        Member member = member(key);
        return member == null ? node.origin() : member.value().origin();
    }

    /** Reports an error about {@code key} at its value's position, and marks the key invalid. */
    void error(String key, String problem, String got, String allowed) {
        invalid.add(key);
        problems.add(originOf(key), keyPath(key), problem, got, allowed);
    }

    /** Documents a key that is read by other means (a plugin's block). */
    void document(String key, String type, String defaultValue, String rule, String meaning) {
        if (reference != null) {
            reference.add(keyPath(key), type, defaultValue, rule, meaning);
        }
    }

    private void declare(String key, String type, String defaultValue, String rule, String meaning) {
        declared.add(key);
        document(key, type, defaultValue, rule, meaning);
    }

    // ------------------------------------------------------------------------------------------------ scalars

    boolean bool(String key, boolean defaultValue, String meaning) {
        return bool(key, defaultValue, "", meaning);
    }

    boolean bool(String key, boolean defaultValue, String rule, String meaning) {
        declare(key, "boolean", String.valueOf(defaultValue), rule, meaning);
        Boolean value = readBool(key);
        boolean result = value == null ? defaultValue : value;
        effective.put(key, result);
        return result;
    }

    /** A boolean whose absence means something of its own ({@code null}). */
    Boolean optionalBool(String key, String defaultText, String rule, String meaning) {
        declare(key, "boolean", defaultText, rule, meaning);
        Boolean value = readBool(key);
        if (value == null) {
            effective.putNull(key);
        } else {
            effective.put(key, value);
        }
        return value;
    }

    private Boolean readBool(String key) {
        Member member = member(key);
        if (member == null) {
            return null;
        }
        if (member.value() instanceof ScalarNode scalar && scalar.value() instanceof Boolean b) {
            return b;
        }
        error(key, "must be true or false", member.value().describe(), "true, false");
        return null;
    }

    long integer(String key, long defaultValue, long min, long max, String note, String meaning) {
        String range = min + "–" + max;
        declare(key, "integer", String.valueOf(defaultValue), join(range, note), meaning);
        long result = defaultValue;
        Member member = member(key);
        if (member != null) {
            Long value = integerValue(member.value());
            if (value == null) {
                error(key, "must be an integer", member.value().describe(), range);
            } else if (value < min || value > max) {
                error(key, "out of range", member.value().describe(), range);
            } else {
                result = value;
            }
        }
        effective.put(key, result);
        return result;
    }

    /** Any 64-bit integer. */
    long anyInteger(String key, long defaultValue, String meaning) {
        declare(key, "integer", String.valueOf(defaultValue), "any 64-bit integer", meaning);
        long result = defaultValue;
        Member member = member(key);
        if (member != null) {
            Long value = integerValue(member.value());
            if (value == null) {
                error(key, "must be an integer", member.value().describe(), "any 64-bit integer");
            } else {
                result = value;
            }
        }
        effective.put(key, result);
        return result;
    }

    /** An integer that is 0 or within {@code min}–{@code max}. */
    long zeroOrInteger(String key, long defaultValue, long min, long max, String note, String meaning) {
        String range = "0, or " + min + "–" + max;
        declare(key, "integer", String.valueOf(defaultValue), join(range, note), meaning);
        long result = defaultValue;
        Member member = member(key);
        if (member != null) {
            Long value = integerValue(member.value());
            if (value == null) {
                error(key, "must be an integer", member.value().describe(), range);
            } else if (value != 0 && (value < min || value > max)) {
                error(key, "out of range", member.value().describe(), range);
            } else {
                result = value;
            }
        }
        effective.put(key, result);
        return result;
    }

    double decimal(String key, double defaultValue, double min, double max, String note, String meaning) {
        String range = number(min) + "–" + number(max);
        declare(key, "number", decimalText(defaultValue), join(range, note), meaning);
        double result = defaultValue;
        Member member = member(key);
        if (member != null) {
            Double value = decimalValue(member.value());
            if (value == null) {
                error(key, "must be a number", member.value().describe(), range);
            } else if (!(value >= min && value <= max)) {
                error(key, "out of range", member.value().describe(), range);
            } else {
                result = value;
            }
        }
        effective.put(key, result);
        return result;
    }

    String choice(String key, String defaultValue, List<String> allowed, String meaning) {
        String allowedText = String.join(", ", allowed);
        declare(key, "string", defaultValue, "one of " + allowedText, meaning);
        String result = defaultValue;
        Member member = member(key);
        if (member != null) {
            if (member.value() instanceof ScalarNode scalar && scalar.value() instanceof String text
                    && allowed.contains(text.trim().toLowerCase(Locale.ROOT))) {
                result = text.trim().toLowerCase(Locale.ROOT);
            } else {
                error(key, "unknown value", member.value().describe(), allowedText);
            }
        }
        effective.put(key, result);
        return result;
    }

    /** A string, non-blank when given; {@code null} default allowed. */
    String text(String key, String defaultValue, String rule, String meaning) {
        declare(key, "string", defaultValue == null ? "null" : defaultValue, rule, meaning);
        String result = defaultValue;
        Member member = member(key);
        if (member != null) {
            if (member.value() instanceof ScalarNode scalar && scalar.value() instanceof String text) {
                if (text.isBlank()) {
                    error(key, "must not be blank", member.value().describe(), rule.isEmpty() ? "a non-blank string"
                            : rule);
                } else {
                    result = text;
                }
            } else {
                error(key, "must be a string", member.value().describe(), rule.isEmpty() ? "a string" : rule);
            }
        }
        if (result == null) {
            effective.putNull(key);
        } else {
            effective.put(key, result);
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------------ collections

    /** A list of non-blank strings; {@code []} by default. */
    List<String> textList(String key, String rule, String meaning) {
        declare(key, "list of strings", "[]", rule, meaning);
        List<String> result = new ArrayList<>();
        Member member = member(key);
        if (member != null) {
            if (member.value() instanceof ListNode list) {
                for (ConfigNode item : list.items()) {
                    if (item instanceof ScalarNode scalar && scalar.value() instanceof String text && !text.isBlank()) {
                        result.add(text);
                    } else {
                        invalid.add(key);
                        problems.add(item.origin(), keyPath(key) + "[" + list.items().indexOf(item) + "]",
                                "must be a non-blank string", item.describe(), rule.isEmpty() ? "strings" : rule);
                    }
                }
            } else {
                error(key, "must be a list", member.value().describe(), "a list of strings");
            }
        }
        effective.set(key, toArray(result));
        return List.copyOf(result);
    }

    /** A mapping of names to integers within {@code min}–{@code max}; {@code {}} by default. */
    Map<String, Long> integerMap(String key, long min, long max, String rule, String meaning) {
        String range = min + "–" + max;
        declare(key, "map of integers", "{}", join(rule, "values " + range), meaning);
        Map<String, Long> result = new LinkedHashMap<>();
        ObjectNode out = ConfigNode.JSON.objectNode();
        Member member = member(key);
        if (member != null) {
            if (member.value() instanceof MapNode map) {
                map.members().forEach((name, entry) -> {
                    Long value = integerValue(entry.value());
                    if (value == null || value < min || value > max) {
                        invalid.add(key);
                        problems.add(entry.value().origin(), keyPath(key) + "." + name,
                                value == null ? "must be an integer" : "out of range", entry.value().describe(), range);
                    } else {
                        result.put(name, value);
                        out.put(name, value);
                    }
                });
            } else {
                error(key, "must be a mapping", member.value().describe(), "name: integer pairs");
            }
        }
        effective.set(key, out);
        return Collections.unmodifiableMap(result);
    }

    /** A mapping of names to strings; {@code {}} by default. */
    Map<String, String> textMap(String key, String rule, String meaning) {
        declare(key, "map of strings", "{}", rule, meaning);
        Map<String, String> result = new LinkedHashMap<>();
        ObjectNode out = ConfigNode.JSON.objectNode();
        Member member = member(key);
        if (member != null) {
            if (member.value() instanceof MapNode map) {
                map.members().forEach((name, entry) -> {
                    if (entry.value() instanceof ScalarNode scalar && scalar.value() instanceof String text) {
                        result.put(name, text);
                        out.put(name, text);
                    } else {
                        invalid.add(key);
                        problems.add(entry.value().origin(), keyPath(key) + "." + name, "must be a string",
                                entry.value().describe(), "name: string pairs");
                    }
                });
            } else {
                error(key, "must be a mapping", member.value().describe(), "name: string pairs");
            }
        }
        effective.set(key, out);
        return Collections.unmodifiableMap(result);
    }

    /** A value read by someone else (a transform pipeline, a plugin's block); {@code null} when absent. */
    ConfigNode raw(String key, String type, String defaultValue, String rule, String meaning) {
        declare(key, type, defaultValue, rule, meaning);
        Member member = member(key);
        if (member == null) {
            effective.putNull(key);
            return null;
        }
        effective.set(key, member.value().toJson());
        return member.value();
    }

    /**
     * A key whose type and default come from elsewhere (a record's preset value): documents it, declares it, and
     * records the effective value. The caller binds it.
     */
    void generic(String key, String type, JsonNode defaultValue, JsonNode given, String rule) {
        String text = defaultValue.isNumber() && !defaultValue.isIntegralNumber()
                ? decimalText(defaultValue.doubleValue())
                : defaultValue.isValueNode() ? defaultValue.asText() : defaultValue.toString();
        if (defaultValue.isArray() && text.length() > 60) {
            text = "the scenario's: " + defaultValue.size() + " entries in small_story";
        }
        declare(key, type, defaultValue.isNull() ? "null" : text, rule, "");
        effective.set(key, given != null ? given : defaultValue);
    }

    /** A nested mapping; an absent one reads as empty. */
    Section block(String key, String meaning) {
        declare(key, "block", "", "", meaning);
        Member member = member(key);
        MapNode child;
        if (member == null) {
            child = MapNode.empty(node.origin());
        } else if (member.value() instanceof MapNode map) {
            child = map;
        } else {
            error(key, "must be a mapping", member.value().describe(), "a block of keys");
            child = MapNode.empty(member.value().origin());
        }
        Section section = new Section(keyPath(key), child, problems, reference);
        effective.set(key, section.effective);
        return section;
    }

    /**
     * Rejects every key that was not declared, listing the declared ones and {@code alsoAllowed} (sorted).
     */
    void finish(Collection<String> alsoAllowed) {
        Set<String> allowed = new TreeSet<>(declared);
        allowed.addAll(alsoAllowed);
        for (Map.Entry<String, Member> entry : node.members().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                problems.add(entry.getValue().keyOrigin(), keyPath(entry.getKey()), "unknown key", null,
                        ConfigNode.sortedList(allowed));
            }
        }
    }

    void finish() {
        finish(List.of());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static Long integerValue(ConfigNode value) {
        if (value instanceof ScalarNode scalar) {
            Object v = scalar.value();
            if (v instanceof Long l) {
                return l;
            }
            if (v instanceof BigInteger b && b.bitLength() < 64) {
                return b.longValue();
            }
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return d.longValue();
            }
        }
        return null;
    }

    static Double decimalValue(ConfigNode value) {
        if (value instanceof ScalarNode scalar) {
            Object v = scalar.value();
            if (v instanceof Number n && !(v instanceof BigInteger b && b.bitLength() >= 64)) {
                double d = n.doubleValue();
                return Double.isFinite(d) ? d : null;
            }
        }
        return null;
    }

    /** {@code 0.5}, {@code 60}: a bound as the documentation and errors show it. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** {@code 5.0}, {@code 0.5}: a decimal default. */
    static String decimalText(double value) {
        String text = number(value);
        return text.contains(".") ? text : text + ".0";
    }

    private static String join(String a, String b) {
        if (b == null || b.isEmpty()) {
            return a == null ? "" : a;
        }
        return a == null || a.isEmpty() ? b : a + "; " + b;
    }

    private static JsonNode toArray(List<String> values) {
        var array = ConfigNode.JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
