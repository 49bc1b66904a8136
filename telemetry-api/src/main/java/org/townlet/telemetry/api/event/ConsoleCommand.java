package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * A pending console command (SPEC §3.5, §8.1): JSON {@code {name, args, kwargs, cmd_id, issuer, mode, timestamp_ms,
 * metadata}}. {@code name} is required; {@code args} is a JSON list ({@code []}), {@code kwargs} and {@code metadata}
 * JSON maps ({@code {}}), {@code mode} defaults to {@link ConsoleMode#VIEWER}; {@code cmd_id}, {@code issuer} and
 * {@code timestamp_ms} may be {@code null}. Immutable and thread-safe.
 */
public record ConsoleCommand(
        @JsonProperty("name") String name,
        @JsonProperty("args") List<Object> args,
        @JsonProperty("kwargs") Map<String, Object> kwargs,
        @JsonProperty("cmd_id") String cmdId,
        @JsonProperty("issuer") String issuer,
        @JsonProperty("mode") ConsoleMode mode,
        @JsonProperty("timestamp_ms") Long timestampMs,
        @JsonProperty("metadata") Map<String, Object> metadata) {

    public ConsoleCommand {
        Objects.requireNonNull(name, "name");
        args = JsonMaps.copyOfList(args);
        kwargs = JsonMaps.copyOf(kwargs);
        mode = mode == null ? ConsoleMode.VIEWER : mode;
        metadata = JsonMaps.copyOf(metadata);
    }

    /** A viewer command with no arguments, id, issuer, timestamp or metadata. */
    public static ConsoleCommand of(String name) {
        return new ConsoleCommand(name, null, null, null, null, ConsoleMode.VIEWER, null, null);
    }

    /**
     * The placeholder command of an orphan result (SPEC §8.3): {@code {name, args:[], kwargs:{}, cmd_id, issuer,
     * mode:"viewer"}}.
     */
    public static ConsoleCommand orphan(String name, String cmdId, String issuer) {
        return new ConsoleCommand(name, null, null, cmdId, issuer, ConsoleMode.VIEWER, null, null);
    }
}
