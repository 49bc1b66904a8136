package org.townlet.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * This tick's affordance event counts (SPEC §3.5, §6.4): JSON {@code {start, finish, fail, precondition_fail}}, always
 * all four keys, each {@code >= 0}. Immutable and thread-safe; the empty value is {@link #ZERO}.
 */
public record AffordanceEventCounts(
        @JsonProperty("start") long start,
        @JsonProperty("finish") long finish,
        @JsonProperty("fail") long fail,
        @JsonProperty("precondition_fail") long preconditionFail) {

    /** All counts zero. */
    public static final AffordanceEventCounts ZERO = new AffordanceEventCounts(0, 0, 0, 0);

    public AffordanceEventCounts {
        requireNonNegative(start, "start");
        requireNonNegative(finish, "finish");
        requireNonNegative(fail, "fail");
        requireNonNegative(preconditionFail, "preconditionFail");
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
