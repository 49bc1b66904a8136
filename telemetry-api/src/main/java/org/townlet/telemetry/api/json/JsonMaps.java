package org.townlet.telemetry.api.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Helpers for "JSON maps" and "JSON lists" (SPEC §1.4): immutable, insertion-ordered containers whose values are
 * {@code String}, {@code Boolean}, {@code Long}/{@code Integer}, {@code Double}, {@code null}, JSON maps or JSON lists.
 *
 * <p>Copies are shallow: records that cross the api copy their own containers once, in their compact constructors,
 * and nested values are expected to be immutable already. Unlike {@link Map#copyOf}, these keep insertion order and
 * allow {@code null} values. A container that cannot change already (one these helpers made, or one marked
 * {@link ImmutableJson}) is returned as is: no copy, and its identity survives, which is what lets the consumers
 * downstream skip unchanged values by identity. Thread-safe; stateless.
 */
public final class JsonMaps {
    private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();
    /** What {@link #copyOf(Map)} gives for an empty map, so an empty inner map that is it passes through. */
    private static final Map<?, ?> EMPTY_MAP = Map.of();
    private static final Class<?> UNMODIFIABLE_LIST = Collections.unmodifiableList(new ArrayList<>()).getClass();

    private JsonMaps() {
    }

    /**
     * An immutable, insertion-ordered copy of {@code source}; {@code null} gives the empty map. A map this class
     * made already, or an {@link ImmutableJson} map, is returned as is (it cannot change), so re-wrapping a value
     * costs nothing.
     */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> copyOf(Map<String, ? extends V> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        if (isImmutable(source)) {
            return (Map<String, V>) source;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /**
     * An immutable copy of a map of JSON maps, each inner map copied by {@link #copyOf(Map)} ({@code null} inner maps
     * become {@code {}}); {@code null} gives the empty map. An {@link ImmutableJson} map is returned as is without
     * looking at its inner maps (the marker's contract covers its values, a {@code null} inner map included, which then
     * stays {@code null}; this is what saves the simulation thread a walk of every per-agent map every tick); a map
     * this class made is returned as is when every inner map would be.
     */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, Map<String, V>> copyOfNested(
            Map<String, ? extends Map<String, ? extends V>> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        if (source instanceof ImmutableJson || source.getClass() == UNMODIFIABLE_MAP && innerMapsKept(source)) {
            return (Map<String, Map<String, V>>) source;
        }
        LinkedHashMap<String, Map<String, V>> copy = new LinkedHashMap<>();
        source.forEach((key, inner) -> copy.put(key, copyOf(inner)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * An immutable copy of {@code source} that keeps order and allows {@code null} elements; {@code null} gives the
     * empty list. A list this class made already, or an {@link ImmutableJson} list, is returned as is.
     */
    @SuppressWarnings("unchecked")
    public static <E> List<E> copyOfList(List<? extends E> source) {
        if (source == null || source.isEmpty()) {
            return List.of();
        }
        if (source instanceof ImmutableJson || source.getClass() == UNMODIFIABLE_LIST) {
            return (List<E>) source;
        }
        return Collections.unmodifiableList(new ArrayList<>(source));
    }

    /**
     * An immutable, sorted, duplicate-free copy of {@code source} ({@code null} elements are not allowed);
     * {@code null} gives the empty list. An immutable list ({@link List#of}, {@link List#copyOf} or
     * {@link ImmutableJson}) that is already strictly ascending is returned as is, so a list a producer hands over
     * unchanged keeps its identity.
     */
    public static List<String> sortedUnique(List<String> source) {
        if (source == null || source.isEmpty()) {
            return List.of();
        }
        // List.copyOf does not copy a list of List.of's kind
        List<String> copy = source instanceof ImmutableJson ? source : List.copyOf(source);
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i - 1).compareTo(copy.get(i)) >= 0) {
                return List.copyOf(new TreeSet<>(copy));
            }
        }
        return copy;
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

    /** Whether {@link #copyOf(Map)} takes {@code map} (non-empty) as is. */
    private static boolean isImmutable(Map<?, ?> map) {
        return map instanceof ImmutableJson || map.getClass() == UNMODIFIABLE_MAP;
    }

    /** Whether {@link #copyOf(Map)} gives back every inner map of {@code source} itself. */
    private static boolean innerMapsKept(Map<String, ? extends Map<String, ?>> source) {
        for (Map<String, ?> inner : source.values()) {
            if (inner == null || (inner.isEmpty() ? inner != EMPTY_MAP : !isImmutable(inner))) {
                return false;
            }
        }
        return true;
    }
}
