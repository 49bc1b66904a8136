package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * Payload of {@code console.result} (SPEC §4.1, §8.2): JSON {@code {command, result}}, both required. Immutable and
 * thread-safe.
 */
public record ConsoleEvent(
        @JsonProperty("command") ConsoleCommand command,
        @JsonProperty("result") ConsoleResult result) implements EventPayload {

    public ConsoleEvent {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(result, "result");
    }
}
