package org.townlet.telemetry.core.worker;

/**
 * What {@link TelemetryWorker#stop()} did (SPEC §11.8). Every later call of {@code stop()} returns the same report.
 *
 * @param undelivered      items still buffered or in hand when the drain ended; counted in {@code dropped_messages}
 *                         and {@code frames_dropped_total}
 * @param deadlineReached  the drain did not finish within {@code stop_timeout_seconds} (or gave up on retries that
 *                         could not finish within it)
 * @param transportClosed  {@code transport.close()} returned, with or without an exception, within the close budget
 * @param workerTerminated the worker thread had ended (or never ran) when {@code stop()} returned
 */
public record StopReport(long undelivered, boolean deadlineReached, boolean transportClosed,
                         boolean workerTerminated) {
}
