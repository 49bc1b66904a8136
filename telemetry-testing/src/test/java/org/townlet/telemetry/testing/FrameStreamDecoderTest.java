package org.townlet.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;

class FrameStreamDecoderTest {

    @Test
    void splitsOnNewlinesAndKeepsATrailingPartialLine() {
        assertThat(FrameStreamDecoder.lines("a\nb\n")).containsExactly("a", "b");
        assertThat(FrameStreamDecoder.lines("a\nb")).containsExactly("a", "b");
        assertThat(FrameStreamDecoder.lines("a\n\nb\n")).containsExactly("a", "", "b");
        assertThat(FrameStreamDecoder.lines("")).isEmpty();
    }

    @Test
    void decodesBytesAsUtf8() {
        byte[] bytes = "{\"name\":\"Zoë\",\"seq\":0}\n{\"seq\":1,\"x\":1.5}\n".getBytes(StandardCharsets.UTF_8);

        List<JsonNode> frames = FrameStreamDecoder.decode(bytes);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).get("name").asText()).isEqualTo("Zoë");
        assertThat(frames.get(1).get("x").isDouble()).isTrue();
    }

    @Test
    void decodesToOrderedMapsWithNumericTypes() {
        List<Map<String, Object>> maps = FrameStreamDecoder.decodeToMaps(
                "{\"schema_version\":\"0.9.9\",\"seq\":3,\"big\":12345678901,\"ratio\":1.0,\"none\":null}\n");

        assertThat(maps).hasSize(1);
        assertThat(maps.get(0).keySet()).containsExactly("schema_version", "seq", "big", "ratio", "none");
        assertThat(maps.get(0)).containsEntry("seq", 3).containsEntry("big", 12345678901L)
                .containsEntry("ratio", 1.0).containsEntry("none", null);
    }

    @Test
    void decodesEncodedFramesAndFiles(@TempDir Path dir) throws Exception {
        EncodedFrame frame =
                new EncodedFrame(0, 1, FrameKind.SNAPSHOT, "{\"seq\":0}\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("t.ndjson");
        Files.writeString(file, "{\"seq\":0}\n{\"seq\":1}\n");

        assertThat(FrameStreamDecoder.decodeFrames(List.of(frame))).singleElement()
                .extracting(node -> node.get("seq").asLong()).isEqualTo(0L);
        assertThat(FrameStreamDecoder.decode(file)).hasSize(2);
        assertThat(FrameStreamDecoder.lines(file)).containsExactly("{\"seq\":0}", "{\"seq\":1}");
    }

    @Test
    void badLineIsNamedByNumber() {
        assertThatThrownBy(() -> FrameStreamDecoder.decode("{\"seq\":0}\n{\"seq\":\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2 is not valid JSON: ");
        assertThatThrownBy(() -> FrameStreamDecoder.decode("{\"seq\":0}\n[1,2]\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2 is not a JSON object: '[1,2]'");
        assertThatThrownBy(() -> FrameStreamDecoder.decode("{}\n\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2 is not a JSON object: ''");
    }

    @Test
    void twoObjectsOnOneLineAreRejected() {
        assertThatThrownBy(() -> FrameStreamDecoder.decode("{\"seq\":0}{\"seq\":1}\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 1 is not valid JSON: ");
    }
}
