package org.townlet.app.cli;

import org.townlet.telemetry.api.TelemetrySchema;
import picocli.CommandLine.IVersionProvider;

/** {@code townlet --version}: the application version and the stream schema it writes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "townlet " + (version == null ? "0.1.0-SNAPSHOT" : version),
            "telemetry stream schema " + TelemetrySchema.VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
