package org.townlet.telemetry.core.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.BiConsumer;

/**
 * Writes plain JSON values as compact UTF-8 into one reusable, growable byte array: the encoder's hot path, with no
 * generator, no per-value objects and no copy until the caller takes the bytes.
 *
 * <p>The bytes are exactly those Jackson's {@code UTF8JsonGenerator} wrote for the same values with the encoder's
 * former settings (default features plus {@code USE_FAST_DOUBLE_WRITER}), which {@code FrameEncoderByteIdentityTest}
 * checks:
 * <ul>
 *   <li>strings and keys: {@code "} and {@code \} escaped with a backslash; {@code \b \t \n \f \r} as such; the other
 *       control characters as a six-character escape (backslash, {@code u}, four upper-case hex digits); every UTF-16
 *       surrogate, paired or not, likewise (Jackson does not combine pairs by default); every other character as its
 *       UTF-8 bytes, DEL and {@code /} included;</li>
 *   <li>{@code Long}, {@code Integer}: decimal; {@code BigInteger}, {@code BigDecimal}: their {@code toString()};</li>
 *   <li>{@code Double}: see {@link DoubleFormat} (a value written recently is copied from {@link DoubleTextCache});
 *       NaN and ±Infinity as the strings {@code "NaN"},
 *       {@code "Infinity"}, {@code "-Infinity"} (the document builder nulls them before, SPEC §9.1);</li>
 *   <li>a map's key is {@code String.valueOf(key)}; entries in {@link Map#forEach} order, which is the entry-set
 *       order;</li>
 *   <li>any other value (a {@code Float}, a {@code Set}, an array, a bean, …) is written by a Jackson mapper with
 *       those settings, as before: rare, and not on the hot path.</li>
 * </ul>
 *
 * <p>Threads: not thread-safe; one writer per encoder.
 */
final class Utf8JsonWriter {
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    /** Per ASCII character: 0 when written as is, else the letter after the backslash ('u': six-character escape). */
    private static final byte[] ASCII_ESCAPES = asciiEscapes();
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** Integral doubles below this are written as their digits and {@code .0} (Java's plain format ends at 10^7). */
    private static final double PLAIN_INTEGRAL_LIMIT = 1.0E7;
    /** Characters encoded per capacity check: at most 6 bytes each (the six-character escape). */
    private static final int CHUNK = 512;

    /**
     * Keys cached by their text: a frame's keys are mostly the same few hundred strings every time (agent ids, field
     * and component names), so copying their encoded bytes is cheaper than encoding them again. Direct-mapped: a
     * colliding key replaces the slot's.
     */
    private static final int KEY_CACHE_BITS = 11;
    private static final int KEY_CACHE_SIZE = 1 << KEY_CACHE_BITS;
    private static final int MAX_CACHED_KEY_LENGTH = 48;

    private byte[] buffer;
    private int size;
    private final String[] cachedKeys = new String[KEY_CACHE_SIZE];
    /** The encoded {@code "key":} of each cached key. */
    private final byte[][] cachedKeyBytes = new byte[KEY_CACHE_SIZE][];
    /** The text of doubles written recently (most of a frame's doubles were in the previous frame too). */
    private final DoubleTextCache doubles = new DoubleTextCache();
    /** Writes one map entry; a field so that {@code map.forEach} allocates no lambda per map. */
    private final BiConsumer<Object, Object> entryWriter = this::writeEntry;

    Utf8JsonWriter(int initialCapacity) {
        buffer = new byte[Math.max(64, initialCapacity)];
    }

    // ------------------------------------------------------------------ the buffer

    /** Forgets what was written; keeps the array. */
    void reset() {
        size = 0;
    }

    /** How many bytes were written. */
    int size() {
        return size;
    }

    /** A copy of the bytes written. */
    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            grow(more);
        }
    }

    private void grow(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new IllegalStateException("telemetry frame larger than 2 GiB");
        }
        int larger = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) buffer.length * 2, needed));
        buffer = Arrays.copyOf(buffer, larger);
    }

    void writeByte(char ascii) {
        ensure(1);
        buffer[size++] = (byte) ascii;
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset} verbatim (already-encoded JSON). */
    void writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    private void writeRaw(byte[] bytes) {
        writeRaw(bytes, 0, bytes.length);
    }

    // ------------------------------------------------------------------ values

    /** Writes a plain JSON value (see the class comment for how each type is written). */
    void writeValue(Object value) {
        // Exact classes first: a miss on an interface test (Map, List) scans the value class's secondary supers, which
        // every Long, Boolean and null paid when Map came before them.
        if (value instanceof String text) {
            writeString(text);
        } else if (value instanceof Double number) {
            writeDouble(number);
        } else if (value instanceof Long number) {
            writeLong(number);
        } else if (value instanceof JsonObject object) {
            writeObject(object);
        } else if (value instanceof Boolean bool) {
            writeRaw(bool ? TRUE : FALSE);
        } else if (value == null) {
            writeRaw(NULL);
        } else if (value instanceof Integer number) {
            writeLong(number);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map);
        } else if (value instanceof List<?> list) {
            writeList(list);
        } else if (value instanceof BigInteger || value instanceof BigDecimal) {
            writeAscii(value.toString());
        } else {
            writeRaw(Fallback.bytes(value));
        }
    }

    void writeMap(Map<?, ?> map) {
        ensure(2);
        buffer[size++] = '{';
        map.forEach(entryWriter);
        ensure(1);
        buffer[size++] = '}';
    }

    /** A converted record: its fields by position, no iterator. */
    void writeObject(JsonObject object) {
        writeObject(object, null);
    }

    /**
     * {@link #writeObject(JsonObject)}, noting in {@code fieldEnds} (when not null; one slot per field) where each
     * field ends, relative to the object's opening brace.
     */
    void writeObject(JsonObject object, int[] fieldEnds) {
        int start = size;
        writeByte('{');
        for (int i = 0, n = object.size(); i < n; i++) {
            if (i > 0) {
                writeByte(',');
            }
            writeKey(object.keyAt(i));
            writeValue(object.valueAt(i));
            if (fieldEnds != null) {
                fieldEnds[i] = size - start;
            }
        }
        writeByte('}');
    }

    private void writeEntry(Object key, Object value) {
        // A value never ends with '{', so the previous byte tells whether this is the map's first entry.
        if (buffer[size - 1] != '{') {
            writeByte(',');
        }
        writeKey(key instanceof String name ? name : String.valueOf(key));
        writeValue(value);
    }

    void writeList(List<?> list) {
        writeByte('[');
        if (list instanceof RandomAccess) {
            for (int i = 0, n = list.size(); i < n; i++) {
                if (i > 0) {
                    writeByte(',');
                }
                writeValue(list.get(i));
            }
        } else {
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    writeByte(',');
                }
                first = false;
                writeValue(item);
            }
        }
        writeByte(']');
    }

    /** Writes {@code "name":}; the encoded form of a short key is remembered (see {@link #KEY_CACHE_SIZE}). */
    void writeKey(String name) {
        int slot = name.hashCode() * 0x9E3779B9 >>> (Integer.SIZE - KEY_CACHE_BITS);
        String cached = cachedKeys[slot];
        if (cached == name || cached != null && cached.equals(name)) {
            writeRaw(cachedKeyBytes[slot]);
            return;
        }
        int start = size;
        writeString(name);
        writeByte(':');
        if (name.length() <= MAX_CACHED_KEY_LENGTH) {
            cachedKeys[slot] = name;
            cachedKeyBytes[slot] = Arrays.copyOfRange(buffer, start, size);
        }
    }

    void writeLong(long value) {
        ensure(20);
        long magnitude = value;
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                writeAscii("-9223372036854775808");
                return;
            }
            buffer[size++] = '-';
            magnitude = -value;
        }
        int digits = DoubleFormat.digitCount(magnitude);
        DoubleFormat.writeDigits(magnitude, digits, buffer, size);
        size += digits;
    }

    void writeDouble(double value) {
        if (!Double.isFinite(value)) {
            writeString(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
            return;
        }
        ensure(Math.max(DoubleFormat.MAX_LENGTH, DoubleTextCache.COPY_LENGTH));
        long bits = Double.doubleToRawLongBits(value);
        int end = doubles.copy(bits, buffer, size);
        if (end >= 0) {
            size = end;
            return;
        }
        int start = size;
        if (value == (long) value && Math.abs(value) < PLAIN_INTEGRAL_LIMIT && value != 0) {
            // Same text as DoubleFormat's path for integers below 2^53: the digits, ".0" (-0.0 goes the long way).
            writeLong((long) value);
            buffer[size++] = '.';
            buffer[size++] = '0';
        } else {
            size = DoubleFormat.write(value, buffer, size);
        }
        doubles.remember(bits, buffer, start, size);
    }

    /** Writes {@code text}, which must be ASCII and need no escape, as it is. */
    private void writeAscii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) text.charAt(i);
        }
    }

    /** Writes {@code text} as a JSON string (quotes, escapes, UTF-8). */
    void writeString(String text) {
        int length = text.length();
        ensure(length + 2);
        byte[] out = buffer;
        int at = size;
        out[at++] = '"';
        // Fast path: plain ASCII needs one byte per character, which the capacity above already covers.
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c >= 0x80 || ASCII_ESCAPES[c] != 0) {
                break;
            }
            out[at++] = (byte) c;
            i++;
        }
        size = at;
        if (i < length) {
            writeStringTail(text, i, length);
        }
        ensure(1);
        buffer[size++] = '"';
    }

    /** The rest of a string from its first character that needs more than one byte. */
    private void writeStringTail(String text, int from, int length) {
        int i = from;
        while (i < length) {
            int chunkEnd = Math.min(length, i + CHUNK);
            ensure((chunkEnd - i) * 6);
            byte[] out = buffer;
            int at = size;
            for (; i < chunkEnd; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    byte escape = ASCII_ESCAPES[c];
                    if (escape == 0) {
                        out[at++] = (byte) c;
                    } else if (escape == 'u') {
                        at = unicodeEscape(c, out, at);
                    } else {
                        out[at++] = '\\';
                        out[at++] = escape;
                    }
                } else if (c < 0x800) {
                    out[at++] = (byte) (0xC0 | c >> 6);
                    out[at++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isSurrogate(c)) {
                    at = unicodeEscape(c, out, at);
                } else {
                    out[at++] = (byte) (0xE0 | c >> 12);
                    out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                    out[at++] = (byte) (0x80 | c & 0x3F);
                }
            }
            size = at;
        }
    }

    private static int unicodeEscape(char c, byte[] out, int at) {
        out[at] = '\\';
        out[at + 1] = 'u';
        out[at + 2] = HEX[c >> 12];
        out[at + 3] = HEX[c >> 8 & 0xF];
        out[at + 4] = HEX[c >> 4 & 0xF];
        out[at + 5] = HEX[c & 0xF];
        return at + 6;
    }

    private static byte[] asciiEscapes() {
        byte[] escapes = new byte[128];
        for (int c = 0; c < 0x20; c++) {
            escapes[c] = 'u';
        }
        escapes['"'] = '"';
        escapes['\\'] = '\\';
        escapes['\b'] = 'b';
        escapes['\t'] = 't';
        escapes['\n'] = 'n';
        escapes['\f'] = 'f';
        escapes['\r'] = 'r';
        return escapes;
    }

    /** Values that are not plain JSON, written by a Jackson mapper as the encoder always did; created on first use. */
    private static final class Fallback {
        private static final ObjectMapper MAPPER = JsonMapper.builder()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();

        static byte[] bytes(Object value) {
            try {
                return MAPPER.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot encode telemetry frame: " + e.getMessage(), e);
            }
        }
    }
}
