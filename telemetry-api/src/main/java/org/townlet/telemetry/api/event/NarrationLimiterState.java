package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;

/**
 * The exported state of the narration rate limiter (SPEC §3.5, §7.1): JSON {@code {last_category_tick{cat:tick},
 * last_global_tick, recent_entries{key:tick}, window_emissions[tick]}}. Immutable and thread-safe; {@code null}
 * collections become empty, the empty value is {@link #INITIAL} ({@code last_global_tick} {@value #NEVER_TICK}).
 */
public record NarrationLimiterState(
        @JsonProperty("last_category_tick") Map<String, Long> lastCategoryTick,
        @JsonProperty("last_global_tick") long lastGlobalTick,
        @JsonProperty("recent_entries") Map<String, Long> recentEntries,
        @JsonProperty("window_emissions") List<Long> windowEmissions) {

    /** The {@code last_global_tick} of a limiter that never emitted. */
    public static final long NEVER_TICK = -10_000L;

    /** A limiter that never emitted. */
    public static final NarrationLimiterState INITIAL = new NarrationLimiterState(null, NEVER_TICK, null, null);

    public NarrationLimiterState {
        lastCategoryTick = JsonMaps.copyOf(lastCategoryTick);
        recentEntries = JsonMaps.copyOf(recentEntries);
        windowEmissions = windowEmissions == null ? List.of() : List.copyOf(windowEmissions);
    }
}
