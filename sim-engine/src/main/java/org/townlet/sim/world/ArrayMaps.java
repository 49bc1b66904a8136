package org.townlet.sim.world;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.townlet.telemetry.api.json.ImmutableJson;

/**
 * Compact immutable JSON maps for the per-tick views: a shared, ordered key set ({@link Keys}) and a parallel array of
 * values, so a 14-component reward entry or a 2,000-agent map of hunger levels costs one array instead of a hash
 * table of entries and boxes. {@code equals}, {@code hashCode} and iteration order are those of any ordered map with
 * the same entries. Values of primitive arrays are boxed on access.
 *
 * <p>The maps are {@link ImmutableJson}, so the api's defensive copies take them (and a map of them) as is, and an
 * entry the town reuses while it is unchanged reaches the telemetry worker as the same object: every mutator throws
 * ({@link AbstractMap}'s defaults; the entry set, its iterator and entries are read-only), the key set is immutable,
 * and the value array handed to a factory is owned by the map from then on (callers build a new one per map and at
 * most read it afterwards).
 */
final class ArrayMaps {
    private ArrayMaps() {
    }

    /** A new array of {@code size} maps, to fill and hand to {@link #of(Keys, Object[])}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <V> Map<String, V>[] newMaps(int size) {
        return new Map[size];
    }

    /** An immutable map of {@code keys} to {@code values} (same length; not copied, never to be changed). */
    static <V> Map<String, V> of(Keys keys, V[] values) {
        return keys.size() == 0 ? Map.of() : new ObjectArrayMap<>(keys, values);
    }

    static Map<String, Double> ofDoubles(Keys keys, double[] values) {
        return keys.size() == 0 ? Map.of() : new DoubleArrayMap(keys, values);
    }

    static Map<String, Long> ofLongs(Keys keys, long[] values) {
        return keys.size() == 0 ? Map.of() : new LongArrayMap(keys, values);
    }

    /**
     * One per-tick view of keys → entries that keeps its previous map while nothing in it changed: when the keys and
     * every entry are the same objects as last time, {@link #of} gives back the previous map, so the telemetry worker
     * recognises the whole view by identity. Comparing references is all it costs: entries are themselves reused
     * while unchanged (see {@code Agent.jobEntry}). Owned by the simulation thread.
     */
    static final class ReusedView<V> {
        private Keys keys;
        private V[] entries;
        private Map<String, V> view;

        /** The map of {@code keys} to {@code entries} (a new array, handed over as in {@link ArrayMaps#of}). */
        Map<String, V> of(Keys keys, V[] entries) {
            if (view == null || keys != this.keys || !sameEntries(entries)) {
                this.keys = keys;
                this.entries = entries;
                view = ArrayMaps.of(keys, entries);
            }
            return view;
        }

        private boolean sameEntries(V[] next) {
            if (next.length != entries.length) {
                return false;
            }
            for (int i = 0; i < next.length; i++) {
                if (next[i] != entries[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An ordered set of keys with their positions; large sets get a hash index, small ones are scanned. */
    static final class Keys {
        private static final int SCAN_LIMIT = 16;

        private final String[] names;
        private final HashMap<String, Integer> index;

        Keys(String... names) {
            this.names = names.clone();
            if (names.length > SCAN_LIMIT) {
                index = new HashMap<>(names.length * 2);
                for (int i = 0; i < names.length; i++) {
                    index.put(names[i], i);
                }
            } else {
                index = null;
            }
        }

        int size() {
            return names.length;
        }

        String name(int position) {
            return names[position];
        }

        int indexOf(Object key) {
            if (index != null) {
                Integer position = index.get(key);
                return position == null ? -1 : position;
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i] == key) {
                    return i;
                }
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private abstract static class ArrayMap<V> extends AbstractMap<String, V> implements ImmutableJson {
        final Keys keys;
        private Set<Map.Entry<String, V>> entries;

        ArrayMap(Keys keys) {
            this.keys = keys;
        }

        abstract V valueAt(int position);

        @Override
        public int size() {
            return keys.size();
        }

        @Override
        public boolean isEmpty() {
            return keys.size() == 0;
        }

        @Override
        public boolean containsKey(Object key) {
            return keys.indexOf(key) >= 0;
        }

        @Override
        public V get(Object key) {
            int position = keys.indexOf(key);
            return position < 0 ? null : valueAt(position);
        }

        /** Without an entry object per element: the telemetry worker walks these maps every frame. */
        @Override
        public void forEach(BiConsumer<? super String, ? super V> action) {
            Objects.requireNonNull(action, "action");
            for (int i = 0; i < keys.size(); i++) {
                action.accept(keys.name(i), valueAt(i));
            }
        }

        @Override
        public Set<Map.Entry<String, V>> entrySet() {
            if (entries == null) {
                entries = new AbstractSet<>() {
                    @Override
                    public Iterator<Map.Entry<String, V>> iterator() {
                        return new Iterator<>() {
                            private int next;

                            @Override
                            public boolean hasNext() {
                                return next < keys.size();
                            }

                            @Override
                            public Map.Entry<String, V> next() {
                                if (next >= keys.size()) {
                                    throw new NoSuchElementException();
                                }
                                int position = next++;
                                return new AbstractMap.SimpleImmutableEntry<>(keys.name(position), valueAt(position));
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return keys.size();
                    }
                };
            }
            return entries;
        }
    }

    private static final class ObjectArrayMap<V> extends ArrayMap<V> {
        private final V[] values;

        ObjectArrayMap(Keys keys, V[] values) {
            super(keys);
            this.values = values;
        }

        @Override
        V valueAt(int position) {
            return values[position];
        }
    }

    private static final class DoubleArrayMap extends ArrayMap<Double> {
        private final double[] values;

        DoubleArrayMap(Keys keys, double[] values) {
            super(keys);
            this.values = values;
        }

        @Override
        Double valueAt(int position) {
            return values[position];
        }
    }

    private static final class LongArrayMap extends ArrayMap<Long> {
        private final long[] values;

        LongArrayMap(Keys keys, long[] values) {
            super(keys);
            this.values = values;
        }

        @Override
        Long valueAt(int position) {
            return values[position];
        }
    }
}
