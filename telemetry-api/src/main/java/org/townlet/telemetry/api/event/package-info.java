/**
 * Event records and the value records they carry (SPEC §3.5, §4): the sealed {@link
 * org.townlet.telemetry.api.event.EventPayload} hierarchy, {@link org.townlet.telemetry.api.event.TelemetryEvent},
 * {@link org.townlet.telemetry.api.event.WorldView} and the read-model values owned by telemetry.
 *
 * <p>Every type here is immutable and thread-safe: compact constructors copy collections defensively (JSON maps keep
 * insertion order and allow {@code null} values) and replace {@code null} collections by empty ones. Components
 * serialise under the snake_case names of the specification through {@code @JsonProperty}; no type needs
 * Jackson databind.
 */
package org.townlet.telemetry.api.event;
