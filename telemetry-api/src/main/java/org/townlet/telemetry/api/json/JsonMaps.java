package org.townlet.telemetry.api.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helpers for "JSON maps" and "JSON lists" (SPEC §1.4): immutable, insertion-ordered containers whose values are
 * {@code String}, {@code Boolean}, {@code Long}/{@code Integer}, {@code Double}, {@code null}, JSON maps or JSON lists.
 *
 * <p>Copies are shallow: records that cross the api copy their own containers once, in their compact constructors,
 * and nested values are expected to be immutable already. Unlike {@link Map#copyOf}, these keep insertion order and
 * allow {@code null} values. Thread-safe; stateless.
 */
public final class JsonMaps {
    private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();
    private static final Class<?> UNMODIFIABLE_LIST = Collections.unmodifiableList(new ArrayList<>()).getClass();

    private JsonMaps() {
    }

    /**
     * An immutable, insertion-ordered copy of {@code source}; {@code null} gives the empty map. A map this class
     * made already is returned as is (it cannot change), so re-wrapping a value costs nothing.
     */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> copyOf(Map<String, ? extends V> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        if (source.getClass() == UNMODIFIABLE_MAP) {
            return (Map<String, V>) source;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /**
     * An immutable copy of {@code source} that keeps order and allows {@code null} elements; {@code null} gives the
     * empty list. A list this class made already is returned as is.
     */
    @SuppressWarnings("unchecked")
    public static <E> List<E> copyOfList(List<? extends E> source) {
        if (source == null || source.isEmpty()) {
            return List.of();
        }
        if (source.getClass() == UNMODIFIABLE_LIST) {
            return (List<E>) source;
        }
        return Collections.unmodifiableList(new ArrayList<>(source));
    }

    /** Builds a JSON map from alternating keys and values, in the order given; values may be {@code null}. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues must alternate keys and values");
        }
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
