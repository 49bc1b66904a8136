package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * A narration requested by an operator (SPEC §3.3 #6, §7.2): {@code message} (required, trimmed, not blank),
 * {@code category} (trimmed; {@code null} or blank → {@value #DEFAULT_CATEGORY}), {@code tick} ({@code null} means the
 * sink's current tick), {@code priority} (false), {@code data} (JSON map, {@code {}}) and {@code dedupe_key}
 * ({@code null} when absent). The compact constructor applies these rules, so every instance is valid. Immutable and
 * thread-safe; build one with {@link #builder(String)}.
 */
public record ManualNarration(
        @JsonProperty("message") String message,
        @JsonProperty("category") String category,
        @JsonProperty("tick") Long tick,
        @JsonProperty("priority") boolean priority,
        @JsonProperty("data") Map<String, Object> data,
        @JsonProperty("dedupe_key") String dedupeKey) {

    /** The category used when none (or a blank one) is given. */
    public static final String DEFAULT_CATEGORY = "operator_story";

    /**
     * @throws NullPointerException if {@code message} is {@code null}
     * @throws IllegalArgumentException if {@code message} is blank
     */
    public ManualNarration {
        Objects.requireNonNull(message, "message");
        message = message.trim();
        if (message.isEmpty()) {
            throw new IllegalArgumentException("narration message must not be blank");
        }
        category = category == null || category.isBlank() ? DEFAULT_CATEGORY : category.trim();
        data = JsonMaps.copyOf(data);
    }

    /** A builder for a narration of {@code message}; validation happens in {@link Builder#build()}. */
    public static Builder builder(String message) {
        return new Builder(message);
    }

    /** Mutable, single-threaded builder of {@link ManualNarration}. */
    public static final class Builder {
        private final String message;
        private String category;
        private Long tick;
        private boolean priority;
        private Map<String, Object> data;
        private String dedupeKey;

        private Builder(String message) {
            this.message = message;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        /** The tick to record in the entry; {@code null} (the default) means the sink's current tick. */
        public Builder tick(Long tick) {
            this.tick = tick;
            return this;
        }

        public Builder priority(boolean priority) {
            this.priority = priority;
            return this;
        }

        public Builder data(Map<String, Object> data) {
            this.data = data;
            return this;
        }

        public Builder dedupeKey(String dedupeKey) {
            this.dedupeKey = dedupeKey;
            return this;
        }

        /**
         * @throws NullPointerException if the message is {@code null}
         * @throws IllegalArgumentException if the message is blank: {@code narration message must not be blank}
         */
        public ManualNarration build() {
            return new ManualNarration(message, category, tick, priority, data, dedupeKey);
        }
    }
}
