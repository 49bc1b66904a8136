package org.townlet.archfixtures.records.telemetry.api.event;

/** Violator of event_and_status_types_are_records: a hand-written value class. */
public final class MutableTick implements EventPayload {
    private long tick;

    public long tick() {
        return tick;
    }

    public void setTick(long tick) {
        this.tick = tick;
    }
}
