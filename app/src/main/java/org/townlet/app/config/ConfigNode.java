package org.townlet.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed configuration document that remembers where each key and value came from, so that every error can name
 * its file, line and column (SPEC §15). Immutable. Built by {@link ConfigParser}; flags replace values through
 * {@link MapNode#with}.
 */
public sealed interface ConfigNode permits ConfigNode.MapNode, ConfigNode.ListNode, ConfigNode.ScalarNode {
    JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Where this value starts. */
    Origin origin();

    /** The value as a Jackson tree, positions dropped: what settings records and parsers of other modules read. */
    JsonNode toJson();

    /** The value as an error shows it after {@code got}. */
    default String describe() {
        return toJson().toString();
    }

    /** A mapping key with the position of the key itself. */
    record Member(Origin keyOrigin, ConfigNode value) {
        public Member {
            Objects.requireNonNull(keyOrigin, "keyOrigin");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A mapping, in document order. */
    record MapNode(Origin origin, Map<String, Member> members) implements ConfigNode {
        public MapNode {
            Objects.requireNonNull(origin, "origin");
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** An empty mapping at {@code origin}. */
        public static MapNode empty(Origin origin) {
            return new MapNode(origin, Map.of());
        }

        /** The member called {@code key}, or {@code null}. */
        public Member member(String key) {
            return members.get(key);
        }

        /**
         * A copy with {@code value} at the dotted {@code path} below this mapping, creating the mappings on the way
         * (at {@code origin}) and replacing whatever was there.
         */
        public MapNode with(List<String> path, ConfigNode value, Origin origin) {
            String key = path.get(0);
            Map<String, Member> copy = new LinkedHashMap<>(members);
            if (path.size() == 1) {
                copy.put(key, new Member(origin, value));
            } else {
                Member existing = members.get(key);
                MapNode child = existing != null && existing.value() instanceof MapNode map ? map : empty(origin);
                Origin keyOrigin = existing != null ? existing.keyOrigin() : origin;
                copy.put(key, new Member(keyOrigin, child.with(path.subList(1, path.size()), value, origin)));
            }
            return new MapNode(this.origin, copy);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode object = JSON.objectNode();
            members.forEach((key, member) -> object.set(key, member.value().toJson()));
            return object;
        }
    }

    /** A sequence. */
    record ListNode(Origin origin, List<ConfigNode> items) implements ConfigNode {
        public ListNode {
            Objects.requireNonNull(origin, "origin");
            items = List.copyOf(items);
        }

        @Override
        public JsonNode toJson() {
            ArrayNode array = JSON.arrayNode();
            items.forEach(item -> array.add(item.toJson()));
            return array;
        }
    }

    /**
     * A scalar: a {@code String}, {@code Boolean}, {@code Long}, {@code BigInteger}, {@code Double},
     * {@code BigDecimal} or {@code null}.
     */
    record ScalarNode(Origin origin, Object value) implements ConfigNode {
        public ScalarNode {
            Objects.requireNonNull(origin, "origin");
            if (value instanceof Integer i) {
                value = i.longValue();
            } else if (value instanceof Float f) {
                value = f.doubleValue();
            }
        }

        @Override
        public JsonNode toJson() {
            if (value == null) {
                return JSON.nullNode();
            } else if (value instanceof String s) {
                return JSON.textNode(s);
            } else if (value instanceof Boolean b) {
                return JSON.booleanNode(b);
            } else if (value instanceof Long l) {
                return JSON.numberNode(l);
            } else if (value instanceof BigInteger b) {
                return JSON.numberNode(b);
            } else if (value instanceof Double d) {
                return JSON.numberNode(d);
            } else if (value instanceof BigDecimal b) {
                return JSON.numberNode(b);
            }
            return JSON.textNode(String.valueOf(value));
        }

        @Override
        public String describe() {
            if (value instanceof String s) {
                return s.isEmpty() ? "''" : s;
            }
            return String.valueOf(value);
        }
    }

    /** The node at a relative path such as {@code pipeline[1].options.fields}, or {@code null} when absent. */
    static ConfigNode find(ConfigNode root, String relativePath) {
        ConfigNode node = root;
        for (String part : splitPath(relativePath)) {
            if (node == null) {
                return null;
            }
            if (part.startsWith("[")) {
                int index = Integer.parseInt(part.substring(1, part.length() - 1));
                node = node instanceof ListNode list && index >= 0 && index < list.items().size()
                        ? list.items().get(index) : null;
            } else {
                Member member = node instanceof MapNode map ? map.member(part) : null;
                node = member == null ? null : member.value();
            }
        }
        return node;
    }

    /** {@code a.b[1].c} as {@code [a, b, [1], c]}. */
    static List<String> splitPath(String path) {
        List<String> parts = new ArrayList<>();
        if (path == null || path.isEmpty()) {
            return parts;
        }
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                if (current.length() > 0) {
                    parts.add(current.toString());
                    current.setLength(0);
                }
            } else if (c == '[') {
                if (current.length() > 0) {
                    parts.add(current.toString());
                    current.setLength(0);
                }
                int end = path.indexOf(']', i);
                parts.add(path.substring(i, end + 1));
                i = end;
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** The members' keys, sorted, as an error lists them: {@code [a, b, c]}. */
    static String sortedList(java.util.Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
