package org.townlet.app.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import org.townlet.sim.SimulationConfig;
import org.townlet.telemetry.core.publish.PublisherSettings;
import org.townlet.telemetry.core.worker.WorkerSettings;

/**
 * A whole configuration, validated (SPEC §15, §17.7), with command-line flags applied. Immutable; each component
 * takes only its own part ({@link #publisherSettings()}, {@link #workerSettings()}, {@link #simulation()}).
 *
 * @param configId    {@code config_id}
 * @param runtime     {@code runtime}
 * @param telemetry   {@code telemetry}
 * @param consoleAuth {@code console_auth}
 * @param simulation  {@code simulation} and the engine's other blocks ({@code needs}, … {@code story},
 *                    {@code monitor}, {@code snapshot}), bound onto the engine's own record
 */
public record TownletConfig(String configId, RuntimeConfig runtime, TelemetryConfig telemetry,
                            ConsoleAuthConfig consoleAuth, SimulationConfig simulation) {
    public TownletConfig {
        Objects.requireNonNull(configId, "configId");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(consoleAuth, "consoleAuth");
        Objects.requireNonNull(simulation, "simulation");
    }

    /** Whether the stub sink is chosen: provider {@code stub}/{@code none} or transport {@code none} (SPEC §16). */
    public boolean stubSelected() {
        return runtime.stubProvider() || telemetry.transport().none();
    }

    /** The transport name frames go to, or {@code none} when the stub is chosen. */
    public String transportName() {
        return stubSelected() ? TransportConfig.NONE : telemetry.transport().type();
    }

    /** What the publisher reads. */
    public PublisherSettings publisherSettings() {
        return PublisherSettings.builder()
                .diffEnabled(telemetry.diffEnabled())
                .keyframeIntervalTicks(telemetry.keyframeIntervalTicks())
                .configId(configId)
                .failOnIngestError(telemetry.failOnIngestError())
                .authEnabled(consoleAuth.enabled())
                .economySettings(economySettings())
                .narration(telemetry.narration())
                .relationshipNarration(telemetry.relationshipNarration())
                .personalityNarration(telemetry.personalityNarration())
                .console(telemetry.console())
                .transforms(telemetry.transforms())
                .build();
    }

    /** The simulation's {@code economy} block as numbers by key: the publisher's initial economy settings. */
    public Map<String, Double> economySettings() {
        Map<String, Double> values = new TreeMap<>();
        SimulationBinder.SIM.valueToTree(simulation.economy()).fields().forEachRemaining(field -> {
            if (field.getValue().isNumber()) {
                values.put(field.getKey(), field.getValue().doubleValue());
            }
        });
        return values;
    }

    /** What the worker reads: {@code telemetry.worker} with the transport's buffer, retry and poll keys. */
    public WorkerSettings workerSettings() {
        TransportConfig transport = telemetry.transport();
        WorkerConfig worker = telemetry.worker();
        return WorkerSettings.builder()
                .maxBatchSize(transport.buffer().maxBatchSize())
                .maxBufferBytes(transport.buffer().maxBufferBytes())
                .maxBufferFrames(transport.buffer().maxBufferFrames())
                .flushIntervalTicks(transport.buffer().flushIntervalTicks())
                .pollInterval(seconds(transport.workerPollSeconds()))
                .retryMaxAttempts(transport.retry().maxAttempts())
                .retryBackoff(seconds(transport.retry().backoffSeconds()))
                .retryBackoffMax(seconds(transport.retry().backoffMaxSeconds()))
                .backpressure(worker.backpressure())
                .blockTimeout(seconds(worker.blockTimeoutSeconds()))
                .restartLimit(worker.restartLimit())
                .restartWindow(Duration.ofSeconds(worker.restartWindowSeconds()))
                .stopTimeout(seconds(worker.stopTimeoutSeconds()))
                .build();
    }

    static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
