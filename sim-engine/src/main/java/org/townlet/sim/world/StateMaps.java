package org.townlet.sim.world;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing the world's snapshot state as JSON values (maps, lists, strings, numbers, booleans, null):
 * what {@code Town.exportState()} writes and {@code Town.importState(...)} reads back. Numbers may come back as
 * {@code Long} or {@code Double}; the readers convert. A missing or mistyped key fails with
 * {@link IllegalArgumentException} naming it. Stateless.
 */
final class StateMaps {
    private StateMaps() {
    }

    /** A mutable, insertion-ordered map to fill; frozen by {@link #freeze}. */
    static LinkedHashMap<String, Object> map() {
        return new LinkedHashMap<>();
    }

    static Map<String, Object> freeze(LinkedHashMap<String, Object> map) {
        return Collections.unmodifiableMap(map);
    }

    static Map<String, Object> random(SeededRandom random) {
        return Views.map("seed", random.seed(), "gamma", random.gamma());
    }

    static void restore(SeededRandom random, Object state, String key) {
        Map<String, Object> map = asMap(state, key);
        random.restore(longValue(map, "seed", key), longValue(map, "gamma", key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String key) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("snapshot " + key + " must be an object; got " + value);
        }
        return (Map<String, Object>) value;
    }

    static Map<String, Object> mapValue(Map<String, Object> map, String key, String path) {
        return asMap(require(map, key, path), path + "." + key);
    }

    static List<Object> listValue(Map<String, Object> map, String key, String path) {
        Object value = require(map, key, path);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("snapshot " + path + "." + key + " must be a list; got " + value);
        }
        return new ArrayList<>(list);
    }

    static long longValue(Map<String, Object> map, String key, String path) {
        return number(map, key, path).longValue();
    }

    static int intValue(Map<String, Object> map, String key, String path) {
        return number(map, key, path).intValue();
    }

    static double doubleValue(Map<String, Object> map, String key, String path) {
        return number(map, key, path).doubleValue();
    }

    static boolean booleanValue(Map<String, Object> map, String key, String path) {
        Object value = require(map, key, path);
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException("snapshot " + path + "." + key + " must be a boolean; got " + value);
        }
        return flag;
    }

    /** A string, or {@code null} when the value is null. */
    static String stringValue(Map<String, Object> map, String key, String path) {
        if (!map.containsKey(key)) {
            throw new IllegalArgumentException("snapshot " + path + "." + key + " is missing");
        }
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    private static Number number(Map<String, Object> map, String key, String path) {
        Object value = require(map, key, path);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("snapshot " + path + "." + key + " must be a number; got " + value);
        }
        return number;
    }

    private static Object require(Map<String, Object> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("snapshot " + path + "." + key + " is missing");
        }
        return value;
    }
}
