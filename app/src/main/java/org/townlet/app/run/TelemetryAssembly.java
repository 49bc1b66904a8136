package org.townlet.app.run;

import java.time.Clock;
import org.townlet.app.config.ConfigurationException;
import org.townlet.app.config.TownletConfig;
import org.townlet.app.wiring.TransportRegistry;
import org.townlet.telemetry.adapter.kafka.KafkaSettings;
import org.townlet.telemetry.adapter.tcp.TcpSettings;
import org.townlet.telemetry.api.TelemetrySink;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;
import org.townlet.telemetry.core.publish.TelemetryPublisher;
import org.townlet.telemetry.core.publish.TelemetrySinks;

/**
 * Builds the telemetry sink a configuration asks for (SPEC §16): the stub for provider {@code stub}/{@code none} or
 * transport {@code none}, otherwise the publisher with the one transport named, created from its bound settings
 * record. Only the chosen pieces are built; nothing starts here.
 */
public final class TelemetryAssembly {
    private final TransportRegistry registry;

    /** @param registry the installed transports */
    public TelemetryAssembly(TransportRegistry registry) {
        this.registry = registry;
    }

    /** The sink {@code config} asks for; starts nothing. */
    public TelemetrySink build(TownletConfig config) {
        return build(config, null);
    }

    /**
     * The sink {@code config} asks for, for the run {@code runId} ({@code --run-id}); starts nothing. A transport that
     * keys its records by run id (kafka) takes it unless its settings name one.
     */
    public TelemetrySink build(TownletConfig config, String runId) {
        if (config.stubSelected()) {
            return TelemetrySinks.stub();
        }
        String type = config.telemetry().transport().type();
        TransportFactory<?> factory = registry.select(type);
        Object bound = config.telemetry().transport().settings();
        Object settings = bound instanceof KafkaSettings kafka && kafka.runId() == null && runId != null
                ? kafka.withRunId(runId) : bound;
        boolean tls = false;
        boolean verifyHostname = false;
        boolean allowPlaintext = false;
        if (settings instanceof TcpSettings tcp) {
            tls = tcp.useTls();
            verifyHostname = tcp.verifyHostname();
            allowPlaintext = tcp.allowPlaintext() || tcp.devAllowPlaintext();
        }
        return TelemetryPublisher.builder()
                .settings(config.publisherSettings())
                .workerSettings(config.workerSettings())
                .transport(factory.name(), context -> create(factory, settings, context))
                .tls(tls, verifyHostname, allowPlaintext)
                .clock(Clock.systemUTC())
                .seed(config.simulation().seed())
                .build();
    }

    private static <S> Transport create(TransportFactory<S> factory, Object settings, TransportContext context) {
        try {
            return factory.create(factory.settingsType().cast(settings), context);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("telemetry.transport (" + factory.name() + "): " + e.getMessage(), e);
        }
    }
}
