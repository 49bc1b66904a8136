package org.townlet.archfixtures.clean.telemetry.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Fixture: a record payload with Jackson annotations (allowed in the api) and a nested builder (not top-level). */
public record Tick(@JsonProperty("tick") long tick) implements EventPayload {
    /** Nested, so rule 7 does not ask it to be a record. */
    public static final class Builder {
        private long tick;

        public Builder tick(long value) {
            this.tick = value;
            return this;
        }

        public Tick build() {
            return new Tick(tick);
        }
    }
}
