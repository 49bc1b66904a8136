package org.townlet.app.listen.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The narrations seen across frames, newest first, at most {@value #CAPACITY}. The state carries only the current
 * tick's narrations (the next diff replaces them), so the feed looks at every applied frame, not at the state: a frame
 * whose bytes do not mention {@code "narrations"} costs one byte scan; one that does is parsed (narrations are rare:
 * the producer rate-limits them). A narration is identified by tick, category and message, so a keyframe repeating
 * the current ones adds nothing. Thread-safe: the receiver thread calls {@link #frameApplied}, the push thread reads.
 */
final class NarrationFeed {
    /** Narrations kept. */
    static final int CAPACITY = 50;
    private static final int REMEMBERED_KEYS = 1_000;
    private static final byte[] NEEDLE = "\"narrations\"".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayDeque<Map<String, Object>> newestFirst = new ArrayDeque<>();
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private long total;

    /** Looks for narrations in one applied frame (a snapshot's or a diff's {@code changes}). Never throws. */
    void frameApplied(byte[] line) {
        if (!contains(line, NEEDLE)) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException | RuntimeException e) {
            return; // the consumer applied it, so it parses; nothing to add if it does not
        }
        JsonNode list = root.has("changes") ? root.path("changes").path("narrations") : root.path("narrations");
        if (!list.isArray() || list.isEmpty()) {
            return;
        }
        synchronized (this) {
            for (JsonNode entry : list) {
                if (!entry.isObject()) {
                    continue;
                }
                Map<String, Object> narration = new LinkedHashMap<>();
                narration.put("tick", entry.path("tick").isIntegralNumber() ? entry.path("tick").asLong()
                        : root.path("tick").asLong());
                narration.put("category", entry.path("category").asText(""));
                narration.put("message", entry.path("message").asText(""));
                narration.put("priority", entry.path("priority").asBoolean(false));
                String key = narration.get("tick") + "\u0000" + narration.get("category") + "\u0000"
                        + narration.get("message");
                if (!seen.add(key)) {
                    continue;
                }
                if (seen.size() > REMEMBERED_KEYS) {
                    Iterator<String> oldest = seen.iterator();
                    oldest.next();
                    oldest.remove();
                }
                total++;
                newestFirst.addFirst(narration);
                while (newestFirst.size() > CAPACITY) {
                    newestFirst.pollLast();
                }
            }
        }
    }

    /** The kept narrations, newest first. */
    synchronized List<Map<String, Object>> newestFirst() {
        return List.copyOf(new ArrayList<>(newestFirst));
    }

    /** Narrations seen in all (kept or not). */
    synchronized long total() {
        return total;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
