package org.townlet.telemetry.core.encode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable JSON object with a fixed key order, as {@link JsonConverter} makes of every map and record it converts:
 * an array of keys, shared with other objects of the same shape (every record of a type; a map's counterpart of the
 * previous tick), and an array of values. The encoder and the differ read it by position, with no iterator, entry or
 * boxing, however the source map was built; compared with a {@code LinkedHashMap} per record it is one object and one
 * array instead of a table and an entry per field.
 *
 * <p>A plain {@link Map} to everyone else ({@code equals}, {@code hashCode} and iteration order of any ordered map
 * with the same entries); unmodifiable. Values may be {@code null}. Lookups scan the keys of small objects and use an
 * index, built on first use, for larger ones.
 */
final class JsonObject extends AbstractMap<String, Object> {
    private static final int SCAN_LIMIT = 16;

    private final String[] keys;
    private final Object[] values;
    /** The map this object was converted from, if any: the same source next time means the same object. */
    private final Object source;
    /** No non-finite value was nulled while converting it (so reusing it counts none). */
    private final boolean clean;
    // Built on first use; volatile because a converted object is read by the worker (diffing, encoding) while the
    // deriver thread builds the next document from it (PublisherFrameProducer.prebuild). A race builds one twice.
    private volatile Set<Map.Entry<String, Object>> entries;
    private volatile HashMap<String, Integer> index;

    /**
     * An object of {@code keys} (a shared array, never modified) and {@code values} (taken, not copied).
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    JsonObject(String[] keys, Object... values) {
        this(null, keys, values, false);
    }

    /**
     * An object converted from {@code source} (see {@link #source()}); {@code clean} when no non-finite value was
     * nulled on the way.
     */
    JsonObject(Object source, String[] keys, Object[] values, boolean clean) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
        }
        this.keys = keys;
        this.values = values;
        this.source = source;
        this.clean = clean;
    }

    /** The immutable map this object was converted from, or {@code null} (a record's object). */
    Object source() {
        return source;
    }

    /** Whether converting it nulled no non-finite value. */
    boolean clean() {
        return clean;
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

    /** The position of {@code key}, or -1. */
    int indexOf(Object key) {
        if (keys.length > SCAN_LIMIT) {
            if (index == null) {
                HashMap<String, Integer> positions = new HashMap<>(JsonConverter.capacityFor(keys.length));
                for (int i = keys.length - 1; i >= 0; i--) {
                    positions.put(keys[i], i);
                }
                index = positions;
            }
            Integer position = index.get(key);
            return position == null ? -1 : position;
        }
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
