package org.townlet.telemetry.core.encode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable JSON object with a fixed key order, as {@link JsonConverter} makes for each record it converts: one
 * array of keys shared by every object of that record type, and one array of values. Compared with a
 * {@code LinkedHashMap} per record it is one object and one array instead of a table and an entry per field, and the
 * encoder and the differ read it by position without iterators.
 *
 * <p>A plain {@link Map} to everyone else ({@code equals}, {@code hashCode} and iteration order of any ordered map
 * with the same entries); unmodifiable. Values may be {@code null}. Lookups scan the keys, which suits the few fields
 * of a record.
 */
final class JsonObject extends AbstractMap<String, Object> {
    private final String[] keys;
    private final Object[] values;
    private Set<Map.Entry<String, Object>> entries;

    /**
     * An object of {@code keys} (a shared array, never modified) and {@code values} (taken, not copied).
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    JsonObject(String[] keys, Object... values) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
        }
        this.keys = keys;
        this.values = values;
    }

    /** The key array, shared by the objects of one record type (compared by identity in the differ). */
    String[] keyArray() {
        return keys;
    }

    String keyAt(int position) {
        return keys[position];
    }

    Object valueAt(int position) {
        return values[position];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == key) {
                return i;
            }
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int position = indexOf(key);
        return position < 0 ? null : values[position];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        Objects.requireNonNull(action, "action");
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        if (entries == null) {
            entries = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < keys.length;
                        }

                        @Override
                        public Map.Entry<String, Object> next() {
                            if (next >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            int position = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(keys[position], values[position]);
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
        }
        return entries;
    }
}
