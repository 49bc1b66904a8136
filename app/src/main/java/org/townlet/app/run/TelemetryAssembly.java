package org.townlet.app.run;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.townlet.app.config.ConfigurationException;
import org.townlet.app.wiring.TransportDiscovery;
import org.townlet.app.wiring.TransportRegistry;
import org.townlet.telemetry.api.TelemetrySink;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;
import org.townlet.telemetry.core.publish.PublisherSettings;
import org.townlet.telemetry.core.publish.TelemetryPublisher;
import org.townlet.telemetry.core.publish.TelemetrySinks;
import org.townlet.telemetry.core.worker.BackpressureStrategy;
import org.townlet.telemetry.core.worker.WorkerSettings;

/**
 * Builds the telemetry sink a run asks for: the stub for {@code none}, otherwise the publisher with the one transport
 * named. Only the chosen pieces are built; nothing starts here.
 */
final class TelemetryAssembly {
    private final TransportRegistry registry;
    private final TransportSettingsBinder binder = new TransportSettingsBinder();

    TelemetryAssembly(TransportRegistry registry) {
        this.registry = registry;
    }

    TelemetrySink build(RunSettings run) {
        if (TransportDiscovery.RESERVED_NONE.equals(run.transport())) {
            return TelemetrySinks.stub();
        }
        TransportFactory<?> factory = registry.select(run.transport());
        BackpressureStrategy backpressure = parseBackpressure(run.backpressure());
        if (run.keyframeInterval() < 0 || run.keyframeInterval() > 1_000_000) {
            throw new ConfigurationException("--keyframe-interval: must be 0–1000000; got " + run.keyframeInterval());
        }
        Object settings = binder.bind(factory, transportValues(factory.name(), run));
        return TelemetryPublisher.builder()
                .settings(PublisherSettings.builder().keyframeIntervalTicks(run.keyframeInterval()).build())
                .workerSettings(WorkerSettings.builder().backpressure(backpressure).build())
                .transport(factory.name(), context -> create(factory, settings, context))
                .clock(Clock.systemUTC())
                .seed(run.seed())
                .build();
    }

    private static Map<String, Object> transportValues(String name, RunSettings run) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (run.file() != null) {
            if (!"file".equals(name)) {
                throw new ConfigurationException("--file: only the file transport takes a file; transport is '"
                        + name + "'");
            }
            values.put("file_path", run.file().toString());
        } else if ("file".equals(name)) {
            throw new ConfigurationException("--file: required with --transport file");
        }
        return values;
    }

    private static BackpressureStrategy parseBackpressure(String value) {
        try {
            return BackpressureStrategy.fromConfigName(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--backpressure: " + e.getMessage());
        }
    }

    private static <S> Transport create(TransportFactory<S> factory, Object settings, TransportContext context) {
        try {
            return factory.create(factory.settingsType().cast(settings), context);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("telemetry.transport: " + e.getMessage(), e);
        }
    }
}
