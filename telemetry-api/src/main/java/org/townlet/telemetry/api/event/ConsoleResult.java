package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The result of one console command (SPEC §3.5, §8.2): JSON {@code {name, status, cmd_id, issuer, tick, latency_ms,
 * result, error}}. {@code result} (a JSON map) and {@code error} are omitted when {@code null}; {@code tick} may be
 * {@code null}, in which case the sink fills in its current tick ({@link #withTick(long)}); {@code cmd_id},
 * {@code issuer} and {@code latency_ms} may be {@code null}. Immutable and thread-safe.
 */
public record ConsoleResult(
        @JsonProperty("name") String name,
        @JsonProperty("status") ConsoleStatus status,
        @JsonProperty("cmd_id") String cmdId,
        @JsonProperty("issuer") String issuer,
        @JsonProperty("tick") Long tick,
        @JsonProperty("latency_ms") Long latencyMs,
        @JsonProperty("result") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> result,
        @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_NULL) ConsoleError error) {

    public ConsoleResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        result = result == null ? null : JsonMaps.copyOf(result);
    }

    /** A successful result carrying {@code result}. */
    public static ConsoleResult ok(String name, String cmdId, String issuer, Long tick, Long latencyMs,
            Map<String, Object> result) {
        return new ConsoleResult(name, ConsoleStatus.OK, cmdId, issuer, tick, latencyMs, result, null);
    }

    /** A failed result carrying {@code error}. */
    public static ConsoleResult error(String name, String cmdId, String issuer, Long tick, Long latencyMs,
            ConsoleError error) {
        return new ConsoleResult(name, ConsoleStatus.ERROR, cmdId, issuer, tick, latencyMs, null,
                Objects.requireNonNull(error, "error"));
    }

    /** This result with {@code tick} set. */
    public ConsoleResult withTick(long newTick) {
        return new ConsoleResult(name, status, cmdId, issuer, newTick, latencyMs, result, error);
    }
}
