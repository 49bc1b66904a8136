package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An active price spike (SPEC §3.5): JSON {@code {magnitude, targets}}. Immutable and thread-safe; {@code null}
 * targets become {@code []}.
 */
public record PriceSpike(
        @JsonProperty("magnitude") double magnitude,
        @JsonProperty("targets") List<String> targets) {

    public PriceSpike {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
