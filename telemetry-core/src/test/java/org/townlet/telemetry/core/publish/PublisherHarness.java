package org.townlet.telemetry.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.core.worker.WorkerSettings;
import org.townlet.telemetry.testing.FrameStreamDecoder;
import org.townlet.telemetry.testing.ManualClock;
import org.townlet.telemetry.testing.RecordingTransport;

/** Builds publishers on a {@link RecordingTransport} for tests and stops them afterwards. */
final class PublisherHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Worker settings with a short poll interval, so an idle test never waits long. */
    static final WorkerSettings FAST = WorkerSettings.DEFAULTS.toBuilder().pollInterval(Duration.ofMillis(20)).build();

    final RecordingTransport transport = new RecordingTransport();
    private final List<TelemetryPublisher> publishers = new ArrayList<>();

    /** A started publisher with {@code settings} and {@link #FAST} worker settings. */
    TelemetryPublisher started(PublisherSettings settings) {
        TelemetryPublisher publisher = unstarted(settings, FAST);
        publisher.start();
        return publisher;
    }

    /** A publisher that is not started yet. */
    TelemetryPublisher unstarted(PublisherSettings settings, WorkerSettings workerSettings) {
        TelemetryPublisher publisher = TelemetryPublisher.builder()
                .settings(settings)
                .workerSettings(workerSettings)
                .transport("recording", context -> transport)
                .clock(new ManualClock())
                .seed(7)
                .build();
        publishers.add(publisher);
        return publisher;
    }

    List<JsonNode> nodes() {
        return FrameStreamDecoder.decodeFrames(transport.frames());
    }

    List<Map<String, Object>> frames() {
        return FrameStreamDecoder.toMaps(nodes());
    }

    /** Stops every publisher, ignoring a validation failure a test left pending. */
    @Override
    public void close() {
        for (TelemetryPublisher publisher : publishers) {
            try {
                publisher.stop();
            } catch (RuntimeException e) {
                // A test that provoked a raise-mode failure may leave it for stop(); it has asserted what it needs.
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
