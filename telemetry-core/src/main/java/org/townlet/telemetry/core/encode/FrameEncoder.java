package org.townlet.telemetry.core.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
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

    /** An encoder with its own, plainly configured mapper. */
    public FrameEncoder() {
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(lastSize + 64);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            write(generator, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode telemetry frame: " + e.getMessage(), e);
        }
        out.write('\n');
        byte[] bytes = out.toByteArray();
        lastSize = bytes.length;
        return bytes;
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
