package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The error part of a failed {@link ConsoleResult} (SPEC §3.5, §8.3): JSON {@code {code, message, details}};
 * {@code null} details become {@code {}}. Immutable and thread-safe.
 */
public record ConsoleError(
        @JsonProperty("code") String code,
        @JsonProperty("message") String message,
        @JsonProperty("details") Map<String, Object> details) {

    public ConsoleError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        details = JsonMaps.copyOf(details);
    }

    /** An error without details. */
    public static ConsoleError of(String code, String message) {
        return new ConsoleError(code, message, null);
    }
}
