package org.townlet.telemetry.core.aggregate;

/**
 * Told about each ingestion step that failed (SPEC §3.2). The store catches the error, calls this, and runs the rest
 * of the ingestion; the publisher logs and counts it ({@code ingest_errors_total}).
 */
@FunctionalInterface
public interface IngestErrorHandler {
    /** An error handler that ignores every error, for tests that build a store on its own. */
    IngestErrorHandler IGNORE = (step, error) -> {
    };

    /**
     * Step {@code step} (e.g. {@code loop.tick/queue_metrics}) of an ingestion failed with {@code error}. Called on
     * the thread that ingests, or, for the derived models of a {@code loop.tick} (see {@link Derivation}), on the
     * thread that first reads them; must not throw.
     */
    void onError(String step, RuntimeException error);
}
