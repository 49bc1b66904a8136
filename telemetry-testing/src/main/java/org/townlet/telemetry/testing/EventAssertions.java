package org.townlet.telemetry.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.townlet.telemetry.api.event.TelemetryEvent;

/**
 * AssertJ entry points for recorded {@link TelemetryEvent}s, e.g. {@code assertThatEvents(sink.events())
 * .haveTypes("loop.tick", "loop.health").haveNonDecreasingTicks()}. Every list assertion of AssertJ is available too.
 */
public final class EventAssertions {
    private EventAssertions() {
    }

    /** Assertions on events, in the order they were emitted. */
    public static EventsAssert assertThatEvents(List<TelemetryEvent> events) {
        return new EventsAssert(events);
    }

    /** Assertions on a list of events; each failure names the offending event by its index. */
    public static final class EventsAssert extends
            AbstractListAssert<EventsAssert, List<TelemetryEvent>, TelemetryEvent, ObjectAssert<TelemetryEvent>> {

        EventsAssert(List<TelemetryEvent> events) {
            super(events, EventsAssert.class);
        }

        /** The events' types are exactly {@code types}, in this order. */
        public EventsAssert haveTypes(String... types) {
            isNotNull();
            List<String> found = types();
            if (!found.equals(Arrays.asList(types))) {
                failWithMessage("Expected event types %s but were %s", Arrays.asList(types), found);
            }
            return this;
        }

        /** At least one event has type {@code type}. */
        public EventsAssert containType(String type) {
            isNotNull();
            if (!types().contains(type)) {
                failWithMessage("Expected an event of type %s but the types were %s", type, types());
            }
            return this;
        }

        /** No event has type {@code type}. */
        public EventsAssert doNotContainType(String type) {
            isNotNull();
            int index = types().indexOf(type);
            if (index >= 0) {
                failWithMessage("Expected no event of type %s but event %d had it", type, index);
            }
            return this;
        }

        /** Each event's tick is at least the previous event's. */
        public EventsAssert haveNonDecreasingTicks() {
            isNotNull();
            for (int i = 1; i < actual.size(); i++) {
                long previous = actual.get(i - 1).tick();
                long tick = actual.get(i).tick();
                if (tick < previous) {
                    failWithMessage("Expected event %d's tick to be >= %d but it was %d", i, previous, tick);
                }
            }
            return this;
        }

        /** Continues with only the events of type {@code type}, in order. */
        public EventsAssert ofType(String type) {
            isNotNull();
            return new EventsAssert(actual.stream().filter(e -> e.eventType().equals(type)).toList());
        }

        @Override
        protected ObjectAssert<TelemetryEvent> toAssert(TelemetryEvent value, String description) {
            return new ObjectAssert<>(value).as(description);
        }

        @Override
        protected EventsAssert newAbstractIterableAssert(Iterable<? extends TelemetryEvent> iterable) {
            List<TelemetryEvent> list = new ArrayList<>();
            iterable.forEach(list::add);
            return new EventsAssert(list);
        }

        private List<String> types() {
            return actual.stream().map(TelemetryEvent::eventType).toList();
        }
    }
}
