package org.townlet.sim;

import java.util.Objects;

/**
 * The names of the pieces a {@link SimulationLoop} runs with (SPEC §16): the world ({@value #TOWN}), the policy
 * provider ({@value #SCRIPTED}) and the telemetry provider or transport as the caller named it
 * ({@value #UNKNOWN} when not given). Immutable.
 */
public record ProviderInfo(String world, String policy, String telemetry) {
    /** The world this module simulates. */
    public static final String TOWN = "town";
    /** The built-in policy provider. */
    public static final String SCRIPTED = "scripted";
    /** The telemetry name when the caller gave none. */
    public static final String UNKNOWN = "unknown";

    public ProviderInfo {
        Objects.requireNonNull(world, "world");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(telemetry, "telemetry");
    }
}
