package org.townlet.telemetry.adapter.stdout;

/**
 * Settings of the {@code stdout} transport ({@code telemetry.transport.stdout}). It has none: the record exists so
 * that the section binds from {@code {}} and any key in it is rejected as unknown when the configuration is loaded.
 */
public record StdoutSettings() {
}
