package org.townlet.telemetry.api;

/**
 * Thrown by {@code emitEvent} when {@code telemetry.fail_on_ingest_error} is on and ingestion of the event failed
 * (SPEC §3.2). The rest of the ingestion has still run; the cause is the first error.
 */
public final class TelemetryIngestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for an ingestion that failed with {@code cause}. */
    public TelemetryIngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
