package org.townlet.telemetry.core.aggregate;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.townlet.telemetry.api.status.MetricValue;

/**
 * The metrics registry (SPEC §6.6): name → latest value, sorted by name, immutable. Setting a metric makes a new
 * registry by copying two small arrays, which is what the simulation thread pays for each {@code emitMetric} (four per
 * tick from the health monitor; SPEC §20 P1). Thread-safe (immutable).
 */
final class MetricRegistry extends AbstractMap<String, MetricValue> {
    static final MetricRegistry EMPTY = new MetricRegistry(new String[0], new MetricValue[0]);

    private final String[] names;
    private final MetricValue[] values;

    private MetricRegistry(String[] names, MetricValue[] values) {
        this.names = names;
        this.values = values;
    }

    /** The registry of {@code metrics}' entries (any order). */
    static MetricRegistry of(Map<String, MetricValue> metrics) {
        MetricRegistry registry = EMPTY;
        for (Map.Entry<String, MetricValue> entry : metrics.entrySet()) {
            registry = registry.with(entry.getKey(), entry.getValue());
        }
        return registry;
    }

    /** This registry with {@code name} set to {@code value}. */
    MetricRegistry with(String name, MetricValue value) {
        int index = Arrays.binarySearch(names, name);
        if (index >= 0) {
            MetricValue[] replaced = values.clone();
            replaced[index] = value;
            return new MetricRegistry(names, replaced);
        }
        int at = -index - 1;
        String[] moreNames = new String[names.length + 1];
        MetricValue[] moreValues = new MetricValue[values.length + 1];
        System.arraycopy(names, 0, moreNames, 0, at);
        System.arraycopy(values, 0, moreValues, 0, at);
        moreNames[at] = name;
        moreValues[at] = value;
        System.arraycopy(names, at, moreNames, at + 1, names.length - at);
        System.arraycopy(values, at, moreValues, at + 1, values.length - at);
        return new MetricRegistry(moreNames, moreValues);
    }

    /** This registry as the read models expose it: an unmodifiable view, which the api's JSON maps take as is. */
    Map<String, MetricValue> view() {
        return names.length == 0 ? Map.of() : Collections.unmodifiableMap(this);
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && Arrays.binarySearch(names, name) >= 0;
    }

    @Override
    public MetricValue get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        int index = Arrays.binarySearch(names, name);
        return index >= 0 ? values[index] : null;
    }

    @Override
    public Set<Entry<String, MetricValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Entry<String, MetricValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, MetricValue> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(names[index], values[index]);
                    }
                };
            }
        };
    }
}
