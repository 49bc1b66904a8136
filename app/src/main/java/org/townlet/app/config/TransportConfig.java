package org.townlet.app.config;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code telemetry.transport} (SPEC §12, §15.1): every first-party key as given or defaulted, the worker-side blocks,
 * and the chosen factory's settings record bound from them.
 *
 * @param type                  {@code type}: the installed transport that carries frames, or {@code none}
 * @param endpoint              {@code endpoint}: tcp {@code host:port}; null when not given
 * @param filePath              {@code file_path}: file; null when not given
 * @param connectTimeoutSeconds {@code connect_timeout_seconds}, 0–60
 * @param sendTimeoutSeconds    {@code send_timeout_seconds}, 0–60
 * @param enableTls             {@code enable_tls}: as given; null = by host (tcp)
 * @param verifyHostname        {@code verify_hostname}
 * @param caFile                {@code ca_file}; null when not given
 * @param certFile              {@code cert_file}; null when not given
 * @param keyFile               {@code key_file}; null when not given
 * @param allowPlaintext        {@code allow_plaintext}
 * @param devAllowPlaintext     {@code dev_allow_plaintext}, deprecated alias of {@code allow_plaintext}
 * @param websocketUrl          {@code websocket_url}; null when not given
 * @param retry                 {@code retry}
 * @param buffer                {@code buffer}
 * @param workerPollSeconds     {@code worker_poll_seconds}, 0.01–10
 * @param ack                   {@code ack}: acknowledged delivery (tcp)
 * @param file                  {@code file}: rotation and fsync (file)
 * @param httpHeaders           {@code http.headers} (http)
 * @param prometheusMinIntervalMs {@code prometheus.min_interval_ms} (prometheus)
 * @param settings              the chosen factory's settings record, bound from the keys above and from
 *                              {@code telemetry.transport.<type>}; {@code null} for {@code none}
 */
public record TransportConfig(String type, String endpoint, String filePath, double connectTimeoutSeconds,
                              double sendTimeoutSeconds, Boolean enableTls, boolean verifyHostname, String caFile,
                              String certFile, String keyFile, boolean allowPlaintext, boolean devAllowPlaintext,
                              String websocketUrl, RetryConfig retry, BufferConfig buffer, double workerPollSeconds,
                              boolean ack, FileConfig file, Map<String, String> httpHeaders,
                              long prometheusMinIntervalMs, Object settings) {
    /** The transport chosen when none is named. */
    public static final String DEFAULT_TYPE = "stdout";
    /** The name that selects the stub sink instead of a transport (SPEC §13). */
    public static final String NONE = "none";
    /**
     * The first-party keys of the block, sorted (SPEC §15 lists them in its example); every installed transport
     * whose settings come from its own block ({@code telemetry.transport.<type>}) joins them.
     */
    public static final Set<String> FIRST_PARTY_KEYS = Set.of("ack", "allow_plaintext", "buffer", "ca_file",
            "cert_file", "connect_timeout_seconds", "dev_allow_plaintext", "enable_tls", "endpoint", "file",
            "file_path", "http", "key_file", "prometheus", "retry", "send_timeout_seconds", "type",
            "verify_hostname", "websocket_url", "worker_poll_seconds");
    /** Transports whose settings are the first-party keys themselves rather than a block of their own. */
    public static final Set<String> FIRST_PARTY_TRANSPORTS = Set.of("stdout", "file", "tcp");

    public TransportConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(file, "file");
        httpHeaders = java.util.Collections.unmodifiableMap(new TreeMap<>(httpHeaders));
        Bounds.check("connect_timeout_seconds", connectTimeoutSeconds, 0, 60);
        Bounds.check("send_timeout_seconds", sendTimeoutSeconds, 0, 60);
        Bounds.check("worker_poll_seconds", workerPollSeconds, 0.01, 10);
        Bounds.check("prometheus.min_interval_ms", prometheusMinIntervalMs, 100, 60_000);
        if (settings == null && !NONE.equals(type)) {
            throw new IllegalArgumentException("transport '" + type + "' needs its settings record");
        }
    }

    /** Whether {@code type} selects the stub sink. */
    public boolean none() {
        return NONE.equals(type);
    }
}
