package org.townlet.app.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code runtime.telemetry} (SPEC §15.2, §16).
 *
 * @param telemetryProvider {@code runtime.telemetry.provider}: {@code stdout}, {@code default} or {@code publisher}
 *                          choose the publisher; {@code stub} or {@code none} the stub sink
 */
public record RuntimeConfig(String telemetryProvider) {
    /** The known providers, sorted, as errors list them. */
    public static final List<String> PROVIDERS = List.of("default", "none", "publisher", "stdout", "stub");
    public static final RuntimeConfig DEFAULTS = new RuntimeConfig("stdout");

    public RuntimeConfig {
        Objects.requireNonNull(telemetryProvider, "telemetryProvider");
        if (!PROVIDERS.contains(telemetryProvider)) {
            throw new IllegalArgumentException("Unknown telemetry provider '" + telemetryProvider
                    + "'. Known providers: " + PROVIDERS);
        }
    }

    /** Whether the provider selects the stub sink. */
    public boolean stubProvider() {
        return telemetryProvider.equals("stub") || telemetryProvider.equals("none");
    }
}
