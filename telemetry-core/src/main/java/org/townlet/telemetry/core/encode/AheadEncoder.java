package org.townlet.telemetry.core.encode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes, on the thread that builds documents ahead, the entries the worker would otherwise encode itself: each
 * {@link JsonObject} entry (and each {@code JsonObject} element of a list entry) of a map section, and each
 * {@code JsonObject} element of a list section, that is new since the previous document it saw. The bytes stay with the
 * object ({@link JsonObject#encoded()}), and the worker's encoder copies them. This moves most of the worker's
 * encoding to a thread that has the values in its cache already (it has just converted them), so the worker, the
 * pipeline's single consumer, keeps more headroom at a paced simulation's rate (docs/PERFORMANCE.md).
 *
 * <p>Only immutable, converted objects are encoded (a document's {@code JsonObject}s never change), so bytes set once
 * stay right wherever the object is reused. Sections that are the very objects of the previous document are skipped:
 * their entries were encoded then, or the worker reuses their bytes by identity.
 *
 * <p>Threads: not thread-safe; owned by the thread building ahead.
 */
final class AheadEncoder {
    private final Utf8JsonWriter out = new Utf8JsonWriter(16 * 1024);
    /**
     * The section values of the previous document, by name: a copy, since the worker may put a fresh
     * {@code transport} section into a document it has taken.
     */
    private final Map<String, Object> previous = new HashMap<>();
    private long encodedObjects;

    /** Encodes the new entries of {@code document}'s sections (see the class comment). */
    void encodeEntries(Map<String, Object> document) {
        for (Map.Entry<String, Object> section : document.entrySet()) {
            Object value = section.getValue();
            if (previous.put(section.getKey(), value) == value) {
                continue;
            }
            if (value instanceof JsonObject map) {
                for (int i = 0, n = map.size(); i < n; i++) {
                    encodeValue(map.valueAt(i));
                }
            } else if (value instanceof List<?> list) {
                encodeElements(list);
            }
        }
    }

    /** How many objects this encoder has encoded (visible for testing). */
    long encodedObjects() {
        return encodedObjects;
    }

    private void encodeValue(Object value) {
        if (value instanceof JsonObject object) {
            encode(object);
        } else if (value instanceof List<?> list) {
            encodeElements(list);
        }
    }

    private void encodeElements(List<?> list) {
        for (Object element : list) {
            if (element instanceof JsonObject object) {
                encode(object);
            }
        }
    }

    private void encode(JsonObject object) {
        if (object.encoded() != null) {
            return;
        }
        out.reset();
        out.writeObject(object);
        object.encoded(out.toByteArray());
        encodedObjects++;
    }
}
