/**
 * Status records of the pipeline and the loop (SPEC §3.5, §6.6, §11.9): {@link
 * org.townlet.telemetry.api.status.TransportStatus}, {@link org.townlet.telemetry.api.status.HealthSummary}, {@link
 * org.townlet.telemetry.api.status.HealthStatus} and {@link org.townlet.telemetry.api.status.MetricValue}. All are
 * immutable, thread-safe records serialised under snake_case JSON names.
 */
package org.townlet.telemetry.api.status;
