package org.townlet.telemetry.core.transform;

import java.util.Locale;

/** What {@code schema_validator} does with a frame that fails validation (SPEC §10.1). */
public enum ValidationMode {
    /** WARNING {@code telemetry_schema_validation_dropped ...}; the frame is dropped (the default). */
    DROP,
    /** WARNING {@code telemetry_schema_validation_warning ...}; the same frame instance goes on. */
    WARN,
    /** {@code TelemetryValidationException}, rethrown on the simulation thread; the frame is not sent. */
    RAISE;

    /** The configuration name: {@code drop}, {@code warn}, {@code raise}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code name}, case-insensitive; {@code null} when there is none. */
    static ValidationMode fromConfigName(String name) {
        for (ValidationMode mode : values()) {
            if (mode.configName().equalsIgnoreCase(name.trim())) {
                return mode;
            }
        }
        return null;
    }
}
