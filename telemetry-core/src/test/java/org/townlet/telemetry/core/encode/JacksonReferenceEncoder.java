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

/**
 * The encoder as it was before {@link Utf8JsonWriter}: a Jackson generator with {@code USE_FAST_DOUBLE_WRITER} writing
 * the document's plain values, anything else through the mapper. The reference the new encoder's bytes must equal.
 */
final class JacksonReferenceEncoder {
    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    /** The document's bytes followed by {@code \n}, as the former {@code FrameEncoder} wrote them. */
    byte[] encodeBytes(Object document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            write(generator, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode telemetry frame: " + e.getMessage(), e);
        }
        out.write('\n');
        return out.toByteArray();
    }

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
}
