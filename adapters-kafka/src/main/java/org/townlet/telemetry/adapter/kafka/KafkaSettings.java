package org.townlet.telemetry.adapter.kafka;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Settings of the {@code kafka} transport (SPEC §12.4, §15.1), bound from {@code telemetry.transport.endpoint} and
 * the block {@code telemetry.transport.kafka}. Validated when constructed, without any I/O or name lookup; messages
 * name the key and the bad value.
 *
 * @param endpoint               {@code endpoint}: the bootstrap servers, {@code host:port[,host:port…]}; required
 * @param topic                  {@code kafka.topic}: the topic frames go to; default {@value #DEFAULT_TOPIC}
 * @param runId                  {@code kafka.run_id}: every record's key, so one run's frames stay ordered in one
 *                               partition; {@code null} (the default) takes the app's {@code --run-id}, or a random
 *                               UUID when the transport is created without one
 * @param compression            {@code kafka.compression}: the producer's {@code compression.type}, one of
 *                               {@link #COMPRESSIONS}; default {@value #DEFAULT_COMPRESSION}
 * @param deliveryTimeoutSeconds {@code kafka.delivery_timeout_seconds}: how long the client retries one record
 *                               (reconnects included) before it counts as failed; 1–300, default 30
 * @param maxBlockSeconds        {@code kafka.max_block_seconds}: how long the start (which connects) or a send may
 *                               wait for the cluster's metadata
 *                               (an unreachable bootstrap address fails after this); 0.1–60, default 5
 * @param properties             {@code kafka.properties}: producer properties passed through unchanged (TLS, SASL,
 *                               tuning: {@code security.protocol}, {@code sasl.jaas.config}, …); applied after the
 *                               defaults, so they may override {@code acks} or {@code enable.idempotence}; the
 *                               serializers and {@code bootstrap.servers} are the transport's own and rejected here
 */
public record KafkaSettings(@JsonProperty("endpoint") String endpoint,
                            @JsonProperty("topic") String topic,
                            @JsonProperty("run_id") String runId,
                            @JsonProperty("compression") String compression,
                            @JsonProperty("delivery_timeout_seconds") double deliveryTimeoutSeconds,
                            @JsonProperty("max_block_seconds") double maxBlockSeconds,
                            @JsonProperty("properties") Map<String, String> properties) {
    /** Default {@code topic}. */
    public static final String DEFAULT_TOPIC = "townlet.telemetry";
    /** Default {@code compression}. */
    public static final String DEFAULT_COMPRESSION = "none";
    /** Allowed {@code compression} values (Kafka's {@code compression.type}). */
    public static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    /** Default {@code delivery_timeout_seconds}. */
    public static final double DEFAULT_DELIVERY_TIMEOUT_SECONDS = 30.0;
    /** Default {@code max_block_seconds}. */
    public static final double DEFAULT_MAX_BLOCK_SECONDS = 5.0;
    /** Producer properties the transport sets itself and {@code properties} may not name. */
    public static final Set<String> RESERVED_PROPERTIES =
            Set.of("bootstrap.servers", "key.serializer", "value.serializer");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern SERVER = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[^\\s:,\\[\\]]+):([0-9]{1,5})");

    /** Validates every key; resolves no name. */
    public KafkaSettings {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint is required: the Kafka bootstrap servers, host:port[,host:port…]");
        }
        endpoint = endpoint.strip();
        for (String server : endpoint.split(",")) {
            var m = SERVER.matcher(server.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("endpoint must be host:port[,host:port…]; got " + endpoint);
            }
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("endpoint: port must be 1–65535; got " + endpoint);
            }
        }
        if (topic == null) {
            topic = DEFAULT_TOPIC;
        }
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("topic must be 1–249 characters of a-z A-Z 0-9 . _ -; got '" + topic + "'");
        }
        if (runId != null && runId.isBlank()) {
            throw new IllegalArgumentException("run_id must not be blank");
        }
        if (compression == null) {
            compression = DEFAULT_COMPRESSION;
        }
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException("compression must be one of " + COMPRESSIONS + "; got '" + compression
                    + "'");
        }
        if (!(deliveryTimeoutSeconds >= 1 && deliveryTimeoutSeconds <= 300)) {
            throw new IllegalArgumentException("delivery_timeout_seconds must be between 1 and 300; got "
                    + deliveryTimeoutSeconds);
        }
        if (!(maxBlockSeconds >= 0.1 && maxBlockSeconds <= 60)) {
            throw new IllegalArgumentException("max_block_seconds must be between 0.1 and 60; got " + maxBlockSeconds);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (properties != null) {
            properties.forEach((key, value) -> {
                if (key == null || key.isBlank()) {
                    throw new IllegalArgumentException("properties: a key must not be blank");
                }
                if (RESERVED_PROPERTIES.contains(key)) {
                    throw new IllegalArgumentException("properties." + key + " is set by the transport; use endpoint"
                            + " for the bootstrap servers");
                }
                if (value == null) {
                    throw new IllegalArgumentException("properties." + key + " must have a value");
                }
                copy.put(key, value);
            });
        }
        properties = Collections.unmodifiableMap(copy);
    }

    /** The binding entry point: an absent or {@code null} key takes its default. */
    @JsonCreator
    public static KafkaSettings bind(@JsonProperty("endpoint") String endpoint,
                                     @JsonProperty("topic") String topic,
                                     @JsonProperty("run_id") String runId,
                                     @JsonProperty("compression") String compression,
                                     @JsonProperty("delivery_timeout_seconds") Double deliveryTimeoutSeconds,
                                     @JsonProperty("max_block_seconds") Double maxBlockSeconds,
                                     @JsonProperty("properties") Map<String, String> properties) {
        return new KafkaSettings(endpoint, topic, runId, compression,
                deliveryTimeoutSeconds == null ? DEFAULT_DELIVERY_TIMEOUT_SECONDS : deliveryTimeoutSeconds,
                maxBlockSeconds == null ? DEFAULT_MAX_BLOCK_SECONDS : maxBlockSeconds, properties);
    }

    /** Settings for the bootstrap servers {@code endpoint}, every other key at its default. */
    public static KafkaSettings of(String endpoint) {
        return bind(endpoint, null, null, null, null, null, null);
    }

    /** These settings with {@code run_id} set. */
    public KafkaSettings withRunId(String id) {
        return new KafkaSettings(endpoint, topic, id, compression, deliveryTimeoutSeconds, maxBlockSeconds,
                properties);
    }

    /** These settings with {@code topic} set. */
    public KafkaSettings withTopic(String name) {
        return new KafkaSettings(endpoint, name, runId, compression, deliveryTimeoutSeconds, maxBlockSeconds,
                properties);
    }

    /** These settings with both timeouts set. */
    public KafkaSettings withTimeouts(double deliverySeconds, double blockSeconds) {
        return new KafkaSettings(endpoint, topic, runId, compression, deliverySeconds, blockSeconds, properties);
    }

    /** {@code delivery_timeout_seconds} as a duration. */
    public Duration deliveryTimeout() {
        return Duration.ofMillis(Math.round(deliveryTimeoutSeconds * 1000));
    }

    /** {@code max_block_seconds} as a duration. */
    public Duration maxBlock() {
        return Duration.ofMillis(Math.round(maxBlockSeconds * 1000));
    }

    /**
     * The producer configuration: safe defaults (idempotence on, {@code acks=all}, bounded delivery and blocking
     * times, no lingering and producer batches large enough for a whole worker batch: the worker's batch is the batch), then {@code properties}, then the transport's own keys.
     */
    public Map<String, Object> producerConfig() {
        long deliveryMs = deliveryTimeout().toMillis();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("enable.idempotence", "true");
        config.put("acks", "all");
        config.put("linger.ms", "0");
        // One worker batch (frames of 10–20 KB each) fits one producer batch, so it travels in one request: with the
        // client's default 16 KB each frame would take a round trip of its own.
        config.put("batch.size", "1048576");
        config.put("compression.type", compression);
        config.put("delivery.timeout.ms", Long.toString(deliveryMs));
        // delivery.timeout.ms must be >= linger.ms + request.timeout.ms.
        config.put("request.timeout.ms", Long.toString(Math.min(30_000L, deliveryMs)));
        config.put("max.block.ms", Long.toString(maxBlock().toMillis()));
        config.put("retry.backoff.ms", "100");
        config.put("reconnect.backoff.ms", "100");
        config.put("reconnect.backoff.max.ms", "2000");
        config.put("client.id", "townlet-" + (runId == null ? "run" : runId));
        config.putAll(properties);
        config.put("bootstrap.servers", endpoint);
        return config;
    }
}
