package org.townlet.telemetry.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.transport.EncodedFrame;

/**
 * Splits an NDJSON frame stream into lines and parses each line into a Jackson tree or a map. It only decodes: it
 * knows nothing of {@code seq}, keyframes or diffs (tests that need the consumer contract use core's reference
 * consumer, SPEC §9.6).
 *
 * <p>Splitting: each {@code \n} ends a line (the {@code \n} is not part of it); text after the last {@code \n} is a
 * final line if it is not empty. Parsing: every line must be one JSON object; anything else fails with an
 * {@link IllegalArgumentException} naming the 1-based line number.
 */
public final class FrameStreamDecoder {
    /** Strict about what follows a line's object ({@code {}{}} is two values, not one line). */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private FrameStreamDecoder() {
    }

    /** The lines of {@code text}, without their {@code \n}. */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int newline;
        while ((newline = text.indexOf('\n', start)) >= 0) {
            lines.add(text.substring(start, newline));
            start = newline + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return List.copyOf(lines);
    }

    /** The lines of UTF-8 {@code bytes}, without their {@code \n}. */
    public static List<String> lines(byte[] bytes) {
        return lines(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The lines of the UTF-8 file at {@code path}, without their {@code \n}. */
    public static List<String> lines(Path path) {
        try {
            return lines(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read frame stream " + path, e);
        }
    }

    /** Each line of {@code text} parsed as a JSON object. */
    public static List<JsonNode> decode(String text) {
        return parseLines(lines(text));
    }

    /** Each line of UTF-8 {@code bytes} parsed as a JSON object. */
    public static List<JsonNode> decode(byte[] bytes) {
        return parseLines(lines(bytes));
    }

    /** Each line of the UTF-8 file at {@code path} parsed as a JSON object. */
    public static List<JsonNode> decode(Path path) {
        return parseLines(lines(path));
    }

    /** Each frame's bytes (one line each) parsed as a JSON object, in order. */
    public static List<JsonNode> decodeFrames(Collection<EncodedFrame> frames) {
        List<String> lines = new ArrayList<>(frames.size());
        for (EncodedFrame frame : frames) {
            byte[] bytes = frame.bytes();
            lines.add(new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8));
        }
        return parseLines(lines);
    }

    /** Each given line (without {@code \n}) parsed as a JSON object, in order. */
    public static List<JsonNode> parseLines(List<String> lines) {
        List<JsonNode> nodes = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            nodes.add(parseLine(lines.get(i), i + 1));
        }
        return List.copyOf(nodes);
    }

    /** One line parsed as a JSON object. */
    public static JsonNode parseLine(String line) {
        return parseLine(line, 1);
    }

    /** Each line of {@code text} parsed as an insertion-ordered map (numbers as Integer/Long/Double). */
    public static List<Map<String, Object>> decodeToMaps(String text) {
        return toMaps(decode(text));
    }

    /** Each line of UTF-8 {@code bytes} parsed as an insertion-ordered map (numbers as Integer/Long/Double). */
    public static List<Map<String, Object>> decodeToMaps(byte[] bytes) {
        return toMaps(decode(bytes));
    }

    /** The given trees as insertion-ordered maps (numbers as Integer/Long/Double). */
    public static List<Map<String, Object>> toMaps(List<JsonNode> nodes) {
        List<Map<String, Object>> maps = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            maps.add(MAPPER.convertValue(node, MAP));
        }
        return List.copyOf(maps);
    }

    private static JsonNode parseLine(String line, int lineNumber) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("line " + lineNumber + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode)) {
            throw new IllegalArgumentException("line " + lineNumber + " is not a JSON object: " + abbreviate(line));
        }
        return node;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? "'" + line + "'" : "'" + line.substring(0, 77) + "...'";
    }
}
