package org.townlet.telemetry.core.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
                .build();
    }

    /** The document's bytes followed by {@code \n}. */
    public byte[] encodeBytes(Map<String, Object> document) {
        Objects.requireNonNull(document, "document");
        ByteArrayOutputStream out = new ByteArrayOutputStream(lastSize + 64);
        try {
            mapper.writeValue(out, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode telemetry frame: " + e.getMessage(), e);
        }
        out.write('\n');
        byte[] bytes = out.toByteArray();
        lastSize = bytes.length;
        return bytes;
    }

    /** The encoded frame for {@code document}. */
    public EncodedFrame encode(long seq, long tick, FrameKind kind, Map<String, Object> document) {
        return new EncodedFrame(seq, tick, kind, encodeBytes(document));
    }
}
