package org.townlet.telemetry.adapter.tcp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the {@code tcp} transport (SPEC §12.3, §15.1), bound from {@code telemetry.transport}. Validated when
 * constructed, without any I/O or name lookup; messages name the key and the bad value. The certificate and key files
 * are read and parsed when the transport is created ({@link TcpTransportFactory#create}).
 *
 * <p>Whether the transport uses TLS is {@link #useTls()}: {@code enable_tls} when given; otherwise TLS, except to a
 * loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}, by literal) without a {@code ca_file} or
 * {@code cert_file}. Plaintext to any other host needs {@code enable_tls: false} together with
 * {@code allow_plaintext: true}.
 *
 * @param endpoint              {@code endpoint}: {@code host:port} or {@code [ipv6]:port}; required
 * @param connectTimeoutSeconds {@code connect_timeout_seconds}: bound on the TCP connect and the TLS handshake; 0–60,
 *                              0 = none; default 5.0
 * @param sendTimeoutSeconds    {@code send_timeout_seconds}: bound on one batch's write; 0–60, 0 = none; default 1.0
 * @param enableTls             {@code enable_tls}: {@code null} (the default) chooses by host as above
 * @param verifyHostname        {@code verify_hostname}: check the server certificate names the host; default true.
 *                              Off, the certificate chain is still verified
 * @param caFile                {@code ca_file}: PEM certificates trusted in addition to the JDK's default trust store;
 *                              null for none
 * @param certFile              {@code cert_file}: PEM certificate chain presented for mutual TLS; needs
 *                              {@code key_file}
 * @param keyFile               {@code key_file}: unencrypted PKCS#8 PEM private key (RSA or EC) of {@code cert_file}
 * @param allowPlaintext        {@code allow_plaintext}: with {@code enable_tls: false}, allows plaintext to a host that
 *                              is not loopback; default false
 * @param devAllowPlaintext     {@code dev_allow_plaintext}: deprecated alias of {@code allow_plaintext}
 * @param retry                 {@code retry}: reconnect backoff; {@code null} means {@link Retry#DEFAULTS}
 * @param ack                   {@code ack}: acknowledged delivery (SPEC §12.3.1): ask the receiver for acknowledgements,
 *                              keep written frames in a replay window until acknowledged and resend them after a
 *                              reconnect; default false, so plain NDJSON collectors keep working
 */
public record TcpSettings(@JsonProperty("endpoint") Endpoint endpoint,
                          @JsonProperty("connect_timeout_seconds") double connectTimeoutSeconds,
                          @JsonProperty("send_timeout_seconds") double sendTimeoutSeconds,
                          @JsonProperty("enable_tls") Boolean enableTls,
                          @JsonProperty("verify_hostname") boolean verifyHostname,
                          @JsonProperty("ca_file") Path caFile,
                          @JsonProperty("cert_file") Path certFile,
                          @JsonProperty("key_file") Path keyFile,
                          @JsonProperty("allow_plaintext") boolean allowPlaintext,
                          @JsonProperty("dev_allow_plaintext") boolean devAllowPlaintext,
                          @JsonProperty("retry") Retry retry,
                          @JsonProperty("ack") boolean ack) {
    /** Default {@code connect_timeout_seconds}. */
    public static final double DEFAULT_CONNECT_TIMEOUT_SECONDS = 5.0;
    /** Default {@code send_timeout_seconds}. */
    public static final double DEFAULT_SEND_TIMEOUT_SECONDS = 1.0;
    /** Default {@code verify_hostname}. */
    public static final boolean DEFAULT_VERIFY_HOSTNAME = true;
    /** Largest {@code connect_timeout_seconds} and {@code send_timeout_seconds}. */
    public static final double MAX_TIMEOUT_SECONDS = 60.0;
    /** Default {@code ack}: off. */
    public static final boolean DEFAULT_ACK = false;
    /** The message when plaintext to a host that is not loopback was not allowed explicitly. */
    public static final String PLAINTEXT_DISABLED =
            "Plaintext TCP transport is disabled; enable TLS or allow plaintext explicitly";

    /** Validates every key and the combinations; touches no file and resolves no name. */
    public TcpSettings {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint is required");
        }
        checkTimeout("connect_timeout_seconds", connectTimeoutSeconds);
        checkTimeout("send_timeout_seconds", sendTimeoutSeconds);
        checkPath("ca_file", caFile);
        checkPath("cert_file", certFile);
        checkPath("key_file", keyFile);
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("cert_file and key_file must be given together; got "
                    + (certFile == null ? "key_file without cert_file" : "cert_file without key_file"));
        }
        if (retry == null) {
            retry = Retry.DEFAULTS;
        }
        if (Boolean.FALSE.equals(enableTls)) {
            List<String> tlsFiles = new ArrayList<>();
            if (caFile != null) {
                tlsFiles.add("ca_file");
            }
            if (certFile != null) {
                tlsFiles.add("cert_file");
            }
            if (keyFile != null) {
                tlsFiles.add("key_file");
            }
            if (!tlsFiles.isEmpty()) {
                throw new IllegalArgumentException(String.join(" and ", tlsFiles)
                        + (tlsFiles.size() == 1 ? " needs" : " need") + " TLS; got enable_tls: false");
            }
            if (!endpoint.isLoopback() && !allowPlaintext && !devAllowPlaintext) {
                throw new IllegalArgumentException(PLAINTEXT_DISABLED);
            }
        }
    }

    /** Settings without acknowledged delivery ({@code ack: false}); every other key as given. */
    public TcpSettings(Endpoint endpoint, double connectTimeoutSeconds, double sendTimeoutSeconds, Boolean enableTls,
                       boolean verifyHostname, Path caFile, Path certFile, Path keyFile, boolean allowPlaintext,
                       boolean devAllowPlaintext, Retry retry) {
        this(endpoint, connectTimeoutSeconds, sendTimeoutSeconds, enableTls, verifyHostname, caFile, certFile, keyFile,
                allowPlaintext, devAllowPlaintext, retry, DEFAULT_ACK);
    }

    /** The binding entry point: an absent or {@code null} key takes its default. */
    @JsonCreator
    public static TcpSettings bind(@JsonProperty("endpoint") String endpoint,
                                   @JsonProperty("connect_timeout_seconds") Double connectTimeoutSeconds,
                                   @JsonProperty("send_timeout_seconds") Double sendTimeoutSeconds,
                                   @JsonProperty("enable_tls") Boolean enableTls,
                                   @JsonProperty("verify_hostname") Boolean verifyHostname,
                                   @JsonProperty("ca_file") Path caFile,
                                   @JsonProperty("cert_file") Path certFile,
                                   @JsonProperty("key_file") Path keyFile,
                                   @JsonProperty("allow_plaintext") Boolean allowPlaintext,
                                   @JsonProperty("dev_allow_plaintext") Boolean devAllowPlaintext,
                                   @JsonProperty("retry") Retry retry,
                                   @JsonProperty("ack") Boolean ack) {
        return new TcpSettings(Endpoint.parse(endpoint),
                connectTimeoutSeconds == null ? DEFAULT_CONNECT_TIMEOUT_SECONDS : connectTimeoutSeconds,
                sendTimeoutSeconds == null ? DEFAULT_SEND_TIMEOUT_SECONDS : sendTimeoutSeconds,
                enableTls,
                verifyHostname == null ? DEFAULT_VERIFY_HOSTNAME : verifyHostname,
                caFile, certFile, keyFile,
                allowPlaintext != null && allowPlaintext,
                devAllowPlaintext != null && devAllowPlaintext,
                retry,
                ack != null ? ack : DEFAULT_ACK);
    }

    /** Settings for {@code endpoint} with every other key at its default. */
    public static TcpSettings of(String endpoint) {
        return builder(endpoint).build();
    }

    /** A builder for {@code endpoint}, every other key at its default. */
    public static Builder builder(String endpoint) {
        return new Builder(endpoint);
    }

    /**
     * Whether the transport uses TLS: {@code enable_tls} when given; otherwise TLS unless the host is loopback and
     * neither {@code ca_file} nor {@code cert_file} is given.
     */
    public boolean useTls() {
        if (enableTls != null) {
            return enableTls;
        }
        return !endpoint.isLoopback() || caFile != null || certFile != null;
    }

    /** {@code connect_timeout_seconds} as a duration; zero means none. */
    public Duration connectTimeout() {
        return seconds(connectTimeoutSeconds);
    }

    /** {@code send_timeout_seconds} as a duration; zero means none. */
    public Duration sendTimeout() {
        return seconds(sendTimeoutSeconds);
    }

    static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static void checkTimeout(String key, double value) {
        if (!(value >= 0 && value <= MAX_TIMEOUT_SECONDS)) {
            throw new IllegalArgumentException(key + " must be between 0 and 60; got " + value);
        }
    }

    private static void checkPath(String key, Path path) {
        if (path != null && path.toString().isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
    }

    /**
     * The {@code telemetry.transport.retry} block, as far as the transport reads it: the delay between reconnect
     * attempts. {@code max_attempts} belongs to the worker (SPEC §11.6); it is accepted here and ignored, so the one
     * block serves both.
     *
     * @param backoffSeconds    {@code backoff_seconds}: the delay after the first failed connect; 0–30, default 0.5
     * @param backoffMaxSeconds {@code backoff_max_seconds}: the cap of the doubling delay; 0–300, at least
     *                          {@code backoff_seconds}, default 5.0
     */
    @JsonIgnoreProperties({"max_attempts"})
    public record Retry(@JsonProperty("backoff_seconds") double backoffSeconds,
                        @JsonProperty("backoff_max_seconds") double backoffMaxSeconds) {
        /** Default {@code backoff_seconds}. */
        public static final double DEFAULT_BACKOFF_SECONDS = 0.5;
        /** Default {@code backoff_max_seconds}. */
        public static final double DEFAULT_BACKOFF_MAX_SECONDS = 5.0;
        /** Largest {@code backoff_seconds}. */
        public static final double MAX_BACKOFF_SECONDS = 30.0;
        /** Largest {@code backoff_max_seconds}. */
        public static final double MAX_BACKOFF_MAX_SECONDS = 300.0;
        /** Both keys at their defaults. */
        public static final Retry DEFAULTS = new Retry(DEFAULT_BACKOFF_SECONDS, DEFAULT_BACKOFF_MAX_SECONDS);

        /** Validates the ranges and their order. */
        public Retry {
            if (!(backoffSeconds >= 0 && backoffSeconds <= MAX_BACKOFF_SECONDS)) {
                throw new IllegalArgumentException("retry.backoff_seconds must be between 0 and 30; got "
                        + backoffSeconds);
            }
            if (!(backoffMaxSeconds >= 0 && backoffMaxSeconds <= MAX_BACKOFF_MAX_SECONDS)) {
                throw new IllegalArgumentException("retry.backoff_max_seconds must be between 0 and 300; got "
                        + backoffMaxSeconds);
            }
            if (backoffMaxSeconds < backoffSeconds) {
                throw new IllegalArgumentException("retry.backoff_max_seconds must be at least retry.backoff_seconds ("
                        + backoffSeconds + "); got " + backoffMaxSeconds);
            }
        }

        /** The binding entry point: an absent or {@code null} key takes its default. */
        @JsonCreator
        public static Retry bind(@JsonProperty("backoff_seconds") Double backoffSeconds,
                                 @JsonProperty("backoff_max_seconds") Double backoffMaxSeconds) {
            return new Retry(backoffSeconds == null ? DEFAULT_BACKOFF_SECONDS : backoffSeconds,
                    backoffMaxSeconds == null ? DEFAULT_BACKOFF_MAX_SECONDS : backoffMaxSeconds);
        }

        /** {@code backoff_seconds} as a duration. */
        public Duration backoff() {
            return seconds(backoffSeconds);
        }

        /** {@code backoff_max_seconds} as a duration. */
        public Duration backoffMax() {
            return seconds(backoffMaxSeconds);
        }
    }

    /** Builds {@link TcpSettings} from named defaults; {@link #build()} validates as the constructor does. */
    public static final class Builder {
        private final String endpoint;
        private double connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
        private double sendTimeoutSeconds = DEFAULT_SEND_TIMEOUT_SECONDS;
        private Boolean enableTls;
        private boolean verifyHostname = DEFAULT_VERIFY_HOSTNAME;
        private Path caFile;
        private Path certFile;
        private Path keyFile;
        private boolean allowPlaintext;
        private boolean devAllowPlaintext;
        private Retry retry = Retry.DEFAULTS;
        private boolean ack = DEFAULT_ACK;

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        /** {@code connect_timeout_seconds}. */
        public Builder connectTimeoutSeconds(double seconds) {
            this.connectTimeoutSeconds = seconds;
            return this;
        }

        /** {@code send_timeout_seconds}. */
        public Builder sendTimeoutSeconds(double seconds) {
            this.sendTimeoutSeconds = seconds;
            return this;
        }

        /** {@code enable_tls}; {@code null} chooses by host. */
        public Builder enableTls(Boolean enableTls) {
            this.enableTls = enableTls;
            return this;
        }

        /** {@code verify_hostname}. */
        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        /** {@code ca_file}. */
        public Builder caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        /** {@code cert_file} and {@code key_file}, which come together. */
        public Builder clientCertificate(Path certFile, Path keyFile) {
            this.certFile = certFile;
            this.keyFile = keyFile;
            return this;
        }

        /** {@code allow_plaintext}. */
        public Builder allowPlaintext(boolean allowPlaintext) {
            this.allowPlaintext = allowPlaintext;
            return this;
        }

        /** {@code dev_allow_plaintext}, the deprecated alias of {@code allow_plaintext}. */
        public Builder devAllowPlaintext(boolean devAllowPlaintext) {
            this.devAllowPlaintext = devAllowPlaintext;
            return this;
        }

        /** {@code retry.backoff_seconds} and {@code retry.backoff_max_seconds}. */
        public Builder retry(double backoffSeconds, double backoffMaxSeconds) {
            this.retry = new Retry(backoffSeconds, backoffMaxSeconds);
            return this;
        }

        /** {@code ack}: acknowledged delivery (SPEC §12.3.1). */
        public Builder ack(boolean ack) {
            this.ack = ack;
            return this;
        }

        /** The validated settings. */
        public TcpSettings build() {
            return new TcpSettings(Endpoint.parse(endpoint), connectTimeoutSeconds, sendTimeoutSeconds, enableTls,
                    verifyHostname, caFile, certFile, keyFile, allowPlaintext, devAllowPlaintext,
                    Objects.requireNonNull(retry, "retry"), ack);
        }
    }
}
