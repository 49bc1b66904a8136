package org.townlet.telemetry.core.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;

/**
 * Encodes a frame document as one NDJSON line (SPEC §9.1): compact UTF-8 JSON with non-ASCII characters unescaped,
 * integral values as JSON integers, doubles always with a decimal point or an exponent ({@code 1.0}, {@code 1.0E-5}),
 * then exactly one {@code \n}.
 *
 * <p>The document must hold only plain JSON values (what {@link SnapshotDocumentBuilder} and {@link FrameDiffer}
 * produce). Threads: thread-safe ({@link ObjectMapper} is); in practice called under the send lock.
 */
public final class FrameEncoder {
    private static final int INITIAL_CAPACITY = 4_096;

    private final ObjectMapper mapper;
    private volatile int lastSize = INITIAL_CAPACITY;
    /** Section name → the last value encoded under it and its bytes; null when section reuse is off. */
    private final Map<String, EncodedSection> sections;
    private long reusedSections;

    /** An encoder with its own, plainly configured mapper; encodes every value every time. */
    public FrameEncoder() {
        this(false);
    }

    /**
     * An encoder that, with {@code reuseSections}, remembers the bytes of each top-level section (of a snapshot, or
     * under a diff's {@code changes}) and writes them again when the next frame carries the very same value object
     * under that name (SPEC §9.5 step 5). Only for documents whose section values are immutable, as the publisher's
     * are: a value mutated after it was encoded would be written stale. Identity only, never equality: a different
     * object, even an equal one, is encoded afresh and replaces the remembered bytes.
     *
     * <p>Threads: with reuse on, not thread-safe; the publisher uses it only under the send lock.
     */
    public FrameEncoder(boolean reuseSections) {
        this.sections = reuseSections ? new HashMap<>() : null;
        this.mapper = JsonMapper.builder()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                // Schubfach instead of Double.toString: the same format (shortest digits, "1.0", "1.0E-5"), several
                // times faster; doubles are most of a frame's numbers.
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
    }

    /** The document's bytes followed by {@code \n}. */
    public byte[] encodeBytes(Map<String, Object> document) {
        Objects.requireNonNull(document, "document");
        Output out = new Output(lastSize + 64);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            if (sections == null) {
                write(generator, document);
            } else {
                writeDocument(generator, document, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode telemetry frame: " + e.getMessage(), e);
        }
        out.write('\n');
        byte[] bytes = out.toByteArray();
        lastSize = bytes.length;
        return bytes;
    }

    /** Section reuse: the top level, and a diff's {@code changes}, go through {@link #writeSection}. */
    private void writeDocument(JsonGenerator generator, Map<String, Object> document, Output out)
            throws IOException {
        generator.writeStartObject();
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            generator.writeFieldName(key);
            if (Envelope.CHANGES.equals(key) && value instanceof Map<?, ?> changes) {
                generator.writeStartObject();
                for (Map.Entry<?, ?> change : changes.entrySet()) {
                    String name = String.valueOf(change.getKey());
                    generator.writeFieldName(name);
                    writeSection(generator, name, change.getValue(), out);
                }
                generator.writeEndObject();
            } else if (Envelope.isEnvelopeKey(key) || Envelope.REMOVED.equals(key)) {
                write(generator, value);
            } else {
                writeSection(generator, key, value, out);
            }
        }
        generator.writeEndObject();
    }

    /**
     * A map or list section: its remembered bytes when the value is the same object; otherwise it is written straight
     * into the frame and the bytes it took are remembered (a slice of the output, so no second generator).
     */
    private void writeSection(JsonGenerator generator, String name, Object value, Output out) throws IOException {
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            write(generator, value);
            return;
        }
        EncodedSection cached = sections.get(name);
        if (cached != null && cached.value() == value) {
            reusedSections++;
            generator.writeRawValue(new RawJson(cached.bytes()));
            return;
        }
        // the field name is written already; the value starts at the flushed end
        generator.flush();
        int start = out.size();
        write(generator, value);
        generator.flush();
        // Jackson writes the name/value separator ':' with the value; it is not part of the value's bytes
        int from = start < out.size() && out.byteAt(start) == ':' ? start + 1 : start;
        sections.put(name, new EncodedSection(value, out.slice(from, out.size())));
    }

    /** The frame's output, whose written bytes can be sliced without copying the whole buffer. */
    private static final class Output extends ByteArrayOutputStream {
        Output(int capacity) {
            super(capacity);
        }

        byte byteAt(int index) {
            return buf[index];
        }

        byte[] slice(int from, int to) {
            return java.util.Arrays.copyOfRange(buf, from, to);
        }
    }

    /** How many sections were written from remembered bytes (visible for testing). */
    long reusedSections() {
        return reusedSections;
    }

    private record EncodedSection(Object value, byte[] bytes) {
    }

    /** Already-encoded JSON, written verbatim by {@link JsonGenerator#writeRawValue(SerializableString)}. */
    private static final class RawJson implements SerializableString {
        private final byte[] bytes;

        RawJson(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String getValue() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            return getValue().toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return bytes;
        }

        @Override
        public byte[] asQuotedUTF8() {
            return bytes;
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return appendUnquotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return appendUnquoted(buffer, offset);
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            char[] chars = getValue().toCharArray();
            if (offset + chars.length > buffer.length) {
                return -1;
            }
            System.arraycopy(chars, 0, buffer, offset, chars.length);
            return chars.length;
        }

        @Override
        public int writeQuotedUTF8(java.io.OutputStream out) throws IOException {
            return writeUnquotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(java.io.OutputStream out) throws IOException {
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putQuotedUTF8(java.nio.ByteBuffer buffer) {
            return putUnquotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(java.nio.ByteBuffer buffer) {
            if (buffer.remaining() < bytes.length) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
        }
    }

    /**
     * Writes a plain JSON value straight to the generator: no serializer lookup per value, which is most of what
     * {@code ObjectMapper.writeValue} spends on a frame's many small maps. A value that is not plain JSON is handed to
     * the mapper.
     */
    private void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof BigInteger number) {
            generator.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            generator.writeNumber(number);
        } else {
            mapper.writeValue(generator, value);
        }
    }

    /** The encoded frame for {@code document}. */
    public EncodedFrame encode(long seq, long tick, FrameKind kind, Map<String, Object> document) {
        return new EncodedFrame(seq, tick, kind, encodeBytes(document));
    }
}
