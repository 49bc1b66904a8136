package org.townlet.sim.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Helpers for the immutable views the town hands out: JSON maps as {@code Collections.unmodifiableMap} over a
 * {@code LinkedHashMap}, which the api passes through without copying (as it does {@code ImmutableJson} maps such as
 * {@link ArrayMaps}'), and the rounding used for shown values.
 * Stateless.
 */
final class Views {
    private Views() {
    }

    /** A JSON map from alternating keys and values, in order, sized exactly. */
    static Map<String, Object> map(Object... keysAndValues) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>(capacity(keysAndValues.length / 2));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** A map of doubles from alternating keys and values, in order. */
    static Map<String, Double> doubles(Object... keysAndValues) {
        LinkedHashMap<String, Double> map = new LinkedHashMap<>(capacity(keysAndValues.length / 2));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
        }
        return Collections.unmodifiableMap(map);
    }

    /** A {@code LinkedHashMap} capacity that holds {@code entries} without rehashing. */
    static int capacity(int entries) {
        return entries < 3 ? entries + 1 : (int) (entries / 0.75f + 1.0f);
    }

    static <K, V> Map<K, V> freeze(LinkedHashMap<K, V> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(map);
    }

    static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    static double round3(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    static double clampUnit(double value) {
        return value < 0.0 ? 0.0 : Math.min(1.0, value);
    }

    static double clamp(double value, double min, double max) {
        return value < min ? min : Math.min(max, value);
    }
}
