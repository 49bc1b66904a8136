/**
 * What the telemetry settings records and the transform-pipeline parser share: the typed configuration error
 * ({@link org.townlet.telemetry.core.config.TelemetryConfigException}, naming the key path) and range checks with the
 * messages of SPEC §15.1.
 */
package org.townlet.telemetry.core.config;
