package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Metadata of a {@link TelemetryEvent} (SPEC §4.1): JSON {@code {schema_version, timestamp, source}}.
 * {@code schema_version} is the event DTO version ({@value #DEFAULT_SCHEMA_VERSION} when {@code null}), not the stream
 * version; {@code timestamp} may be {@code null}; {@code source} defaults to {@value #DEFAULT_SOURCE}. Immutable and
 * thread-safe; the default value is {@link #DEFAULT}.
 */
public record TelemetryMetadata(
        @JsonProperty("schema_version") String schemaVersion,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("source") String source) {

    /** The event DTO version used when none is given. */
    public static final String DEFAULT_SCHEMA_VERSION = "1.0";
    /** The source used when none is given. */
    public static final String DEFAULT_SOURCE = "townlet";
    /** {@code ("1.0", null, "townlet")}. */
    public static final TelemetryMetadata DEFAULT = new TelemetryMetadata(null, null, null);

    public TelemetryMetadata {
        schemaVersion = schemaVersion == null ? DEFAULT_SCHEMA_VERSION : schemaVersion;
        source = source == null ? DEFAULT_SOURCE : source;
    }
}
