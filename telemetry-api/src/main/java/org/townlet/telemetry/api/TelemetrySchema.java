package org.townlet.telemetry.api;

/**
 * The version of the telemetry stream: the one place it is written (SPEC §2). Every frame's {@code schema_version},
 * and {@code schema()} of every sink, is this value.
 */
public final class TelemetrySchema {
    /** The stream schema version, {@value}. The {@code 0.9} prefix keeps existing 0.9 consumers working. */
    public static final String VERSION = "0.9.9";

    /** The prefix a consumer expects by default (SPEC §9.6 rule 3). */
    public static final String COMPATIBLE_PREFIX = "0.9";

    private TelemetrySchema() {
    }
}
