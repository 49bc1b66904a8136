package org.townlet.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.json.JsonMaps;
import org.townlet.telemetry.api.sink.TelemetryPort;

/**
 * Emits the four per-tick health metrics of SPEC §4.2, each tagged {@code tick=<tick>}: {@code world.events.count},
 * {@code world.events.avg} and {@code queue.length.avg} (rolling means over the last {@code window} ticks) and
 * {@code queue.length.latest} (agents waiting in all object queues). Simulation thread only.
 */
final class HealthMonitor {
    static final String EVENTS_COUNT = "world.events.count";
    static final String EVENTS_AVG = "world.events.avg";
    static final String QUEUE_LATEST = "queue.length.latest";
    static final String QUEUE_AVG = "queue.length.avg";

    private final TelemetryPort port;
    private final int window;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private long eventSum;
    private long queueSum;

    HealthMonitor(TelemetryPort port, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("monitor.window must be >= 1; got " + window);
        }
        this.port = port;
        this.window = window;
    }

    void record(long tick, long eventCount, long queueLength) {
        samples.addLast(new long[] {eventCount, queueLength});
        eventSum += eventCount;
        queueSum += queueLength;
        if (samples.size() > window) {
            long[] oldest = samples.removeFirst();
            eventSum -= oldest[0];
            queueSum -= oldest[1];
        }
        // Copied once into a JSON map, which each MetricValue then takes as is (a Map.of would be copied four times).
        Map<String, String> tags = JsonMaps.copyOf(Map.of("tick", Long.toString(tick)));
        port.emitMetric(EVENTS_COUNT, eventCount, tags);
        port.emitMetric(EVENTS_AVG, (double) eventSum / samples.size(), tags);
        port.emitMetric(QUEUE_LATEST, queueLength, tags);
        port.emitMetric(QUEUE_AVG, (double) queueSum / samples.size(), tags);
    }

    /** The rolling window for a simulation snapshot: {@code [[events, queue], ...]}, oldest first. */
    List<Object> exportState() {
        List<Object> window = new ArrayList<>(samples.size());
        for (long[] sample : samples) {
            window.add(List.of(sample[0], sample[1]));
        }
        return List.copyOf(window);
    }

    /** Restores what {@link #exportState()} wrote. */
    void importState(List<?> window) {
        samples.clear();
        eventSum = 0;
        queueSum = 0;
        for (Object entry : window) {
            List<?> pair = (List<?>) entry;
            long[] sample = {((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).longValue()};
            samples.addLast(sample);
            eventSum += sample[0];
            queueSum += sample[1];
        }
    }
}
