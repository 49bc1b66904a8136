package org.townlet.telemetry.core.publish;

import java.util.Map;
import org.townlet.telemetry.api.event.LoopFailure;
import org.townlet.telemetry.api.event.LoopHealth;
import org.townlet.telemetry.api.event.LoopTick;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.event.WorldView;
import org.townlet.telemetry.api.status.HealthSummary;
import org.townlet.telemetry.api.status.TransportStatus;

/** Events for publisher tests, built with the api's factories. */
final class Events {
    private Events() {
    }

    /** {@code loop.tick} whose world view has {@code cooldown} cooldown events and nothing else. */
    static TelemetryEvent tick(long tick, long cooldown) {
        return tick(tick, WorldView.builder().queueMetrics(new QueueMetrics(cooldown, 0, 0)).build());
    }

    /** {@code loop.tick} of {@code world}. */
    static TelemetryEvent tick(long tick, WorldView world) {
        return TelemetryEvent.loopTick(tick, LoopTick.builder().world(world).build());
    }

    /** {@code loop.tick} with its payload. */
    static TelemetryEvent tick(long tick, LoopTick payload) {
        return TelemetryEvent.loopTick(tick, payload);
    }

    /** {@code loop.health} of a successful tick. */
    static TelemetryEvent health(long tick) {
        return TelemetryEvent.loopHealth(tick, LoopHealth.ok(1.5, 0,
                TransportStatus.initial("recording", "drop_oldest"), HealthSummary.builder().durationMs(1.5).build()));
    }

    /** {@code loop.failure} with {@code error}. */
    static TelemetryEvent failure(long tick, String error) {
        return TelemetryEvent.loopFailure(tick, new LoopFailure(2.0, 1, error, null, null));
    }

    /** An out-of-catalogue event. */
    static TelemetryEvent generic(long tick, String type) {
        return TelemetryEvent.generic(type, tick, Map.of("k", "v"));
    }
}
