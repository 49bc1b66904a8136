package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * One narration line (SPEC §3.5, §7): JSON {@code {tick, category, message, priority, data, dedupe_key}}, with
 * {@code dedupe_key} omitted when {@code null}. Immutable and thread-safe; {@code null} data becomes {@code {}}.
 */
public record NarrationEntry(
        @JsonProperty("tick") long tick,
        @JsonProperty("category") String category,
        @JsonProperty("message") String message,
        @JsonProperty("priority") boolean priority,
        @JsonProperty("data") Map<String, Object> data,
        @JsonProperty("dedupe_key") @JsonInclude(JsonInclude.Include.NON_NULL) String dedupeKey) {

    public NarrationEntry {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
        data = JsonMaps.copyOf(data);
    }
}
