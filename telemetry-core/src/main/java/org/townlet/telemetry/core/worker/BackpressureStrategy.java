package org.townlet.telemetry.core.worker;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the producer does when the buffer is over capacity (SPEC §11.3). */
public enum BackpressureStrategy {
    /** Drop the oldest items until within capacity; never blocks. The default. */
    DROP_OLDEST,
    /** Wait for space up to {@code block_timeout_seconds}, then drop the oldest. */
    BLOCK,
    /** Send the overflow on the caller's thread, under the send lock. */
    FAN_OUT;

    /** The configuration name, e.g. {@code drop_oldest}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration name (case-insensitive). */
    public static BackpressureStrategy fromConfigName(String name) {
        for (BackpressureStrategy strategy : values()) {
            if (strategy.configName().equalsIgnoreCase(name.trim())) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown backpressure strategy '" + name + "'; allowed: "
                + Arrays.stream(values()).map(BackpressureStrategy::configName).collect(Collectors.joining(", ", "[", "]")));
    }
}
