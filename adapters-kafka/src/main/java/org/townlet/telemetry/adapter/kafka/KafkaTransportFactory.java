package org.townlet.telemetry.adapter.kafka;

import java.util.Objects;
import java.util.UUID;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Creates the {@code kafka} transport (SPEC §12.4): one Kafka record per frame, keyed by the run id, on the topic of
 * {@link KafkaSettings}. Creating it opens no connection and starts no thread; the producer is created at the first
 * send.
 *
 * <p>Listed in {@code META-INF/services/org.townlet.telemetry.api.transport.TransportFactory}.
 */
public final class KafkaTransportFactory implements TransportFactory<KafkaSettings> {
    /** The transport's name in {@code telemetry.transport.type}. */
    public static final String NAME = "kafka";

    /** The factory used by {@code ServiceLoader}. */
    public KafkaTransportFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<KafkaSettings> settingsType() {
        return KafkaSettings.class;
    }

    /** Builds the transport; a missing {@code run_id} becomes a random UUID. */
    @Override
    public Transport create(KafkaSettings settings, TransportContext context) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        KafkaSettings effective = settings.runId() == null ? settings.withRunId(UUID.randomUUID().toString())
                : settings;
        return new KafkaTransport(effective, System.getLogger(context.loggerName()));
    }
}
