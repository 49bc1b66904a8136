package org.townlet.telemetry.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;
import org.townlet.telemetry.api.transport.TransportFactory;
import org.townlet.telemetry.testing.LogCapture;
import org.townlet.telemetry.testing.TestTransportContexts;

class TcpSettingsTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Transport> transports = new ArrayList<>();

    @AfterEach
    void closeTransports() throws TransportException {
        for (Transport transport : transports) {
            transport.close();
        }
    }

    @Test
    void absentKeysTakeTheirDefaults() throws Exception {
        TcpSettings settings = mapper.readValue("{\"endpoint\":\"127.0.0.1:5000\"}", TcpSettings.class);

        assertThat(settings.endpoint()).isEqualTo(new Endpoint("127.0.0.1", 5000));
        assertThat(settings.connectTimeoutSeconds()).isEqualTo(5.0);
        assertThat(settings.sendTimeoutSeconds()).isEqualTo(1.0);
        assertThat(settings.enableTls()).isNull();
        assertThat(settings.verifyHostname()).isTrue();
        assertThat(settings.caFile()).isNull();
        assertThat(settings.certFile()).isNull();
        assertThat(settings.keyFile()).isNull();
        assertThat(settings.allowPlaintext()).isFalse();
        assertThat(settings.devAllowPlaintext()).isFalse();
        assertThat(settings.retry()).isEqualTo(new TcpSettings.Retry(0.5, 5.0));
        assertThat(settings.ack()).isFalse();
        assertThat(settings).isEqualTo(TcpSettings.of("127.0.0.1:5000"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.sendTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyKeyBinds() throws Exception {
        TcpSettings settings = mapper.readValue("""
                {"endpoint": "[2001:db8::1]:7000", "connect_timeout_seconds": 2.5, "send_timeout_seconds": 0,
                 "enable_tls": true, "verify_hostname": false, "ca_file": "ca.pem", "cert_file": "client.pem",
                 "key_file": "client.key", "allow_plaintext": false, "dev_allow_plaintext": false,
                 "retry": {"max_attempts": 4, "backoff_seconds": 0.25, "backoff_max_seconds": 2}, "ack": true}
                """, TcpSettings.class);

        assertThat(settings).isEqualTo(new TcpSettings(new Endpoint("2001:db8::1", 7000), 2.5, 0.0, true, false,
                Path.of("ca.pem"), Path.of("client.pem"), Path.of("client.key"), false, false,
                new TcpSettings.Retry(0.25, 2.0), true));
        assertThat(settings.sendTimeout()).isZero();
    }

    @Test
    void retryBlockIgnoresTheWorkersMaxAttempts() throws Exception {
        TcpSettings.Retry retry = mapper.readValue("{\"max_attempts\": 3}", TcpSettings.Retry.class);

        assertThat(retry).isEqualTo(TcpSettings.Retry.DEFAULTS);
    }

    @Test
    void unknownKeysAreRejected() {
        assertThatThrownBy(() -> mapper.readValue("{\"endpoint\":\"localhost:1\",\"worker\":{}}", TcpSettings.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"worker\"");
        assertThatThrownBy(() -> mapper.readValue(
                "{\"endpoint\":\"localhost:1\",\"retry\":{\"jitter\":1}}", TcpSettings.class))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"jitter\"");
    }

    @Test
    void bindingErrorsCarryTheValidationMessage() {
        assertThatThrownBy(() -> mapper.readValue("{\"endpoint\":\"127.0.0.1:99999\"}", TcpSettings.class))
                .isInstanceOf(ValueInstantiationException.class)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint: port must be 1–65535; got 127.0.0.1:99999");
        assertThatThrownBy(() -> mapper.readValue("{}", TcpSettings.class))
                .isInstanceOf(ValueInstantiationException.class)
                .cause()
                .hasMessage("endpoint is required");
    }

    @Test
    void malformedEndpointRejectedAtLoad() {
        assertThatThrownBy(() -> TcpSettings.of("::1:9000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpoint: an IPv6 address must be written in brackets, e.g. [::1]:9000; got ::1:9000");
        assertThatThrownBy(() -> TcpSettings.of("127.0.0.1:99999"))
                .hasMessage("endpoint: port must be 1–65535; got 127.0.0.1:99999");
    }

    @Test
    void timeoutsAreBetweenZeroAndSixtySeconds() {
        assertThat(TcpSettings.builder("localhost:1").connectTimeoutSeconds(0).sendTimeoutSeconds(60).build())
                .extracting(TcpSettings::connectTimeoutSeconds, TcpSettings::sendTimeoutSeconds)
                .containsExactly(0.0, 60.0);
        assertThatThrownBy(() -> TcpSettings.builder("localhost:1").connectTimeoutSeconds(60.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connect_timeout_seconds must be between 0 and 60; got 60.5");
        assertThatThrownBy(() -> TcpSettings.builder("localhost:1").sendTimeoutSeconds(-1).build())
                .hasMessage("send_timeout_seconds must be between 0 and 60; got -1.0");
        assertThatThrownBy(() -> TcpSettings.builder("localhost:1").sendTimeoutSeconds(Double.NaN).build())
                .hasMessage("send_timeout_seconds must be between 0 and 60; got NaN");
    }

    @Test
    void retryBackoffIsBoundedAndOrdered() {
        assertThat(new TcpSettings.Retry(0, 0).backoff()).isZero();
        assertThat(new TcpSettings.Retry(30, 300).backoffMax()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> new TcpSettings.Retry(31, 300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry.backoff_seconds must be between 0 and 30; got 31.0");
        assertThatThrownBy(() -> new TcpSettings.Retry(0.5, 301))
                .hasMessage("retry.backoff_max_seconds must be between 0 and 300; got 301.0");
        assertThatThrownBy(() -> new TcpSettings.Retry(2, 1))
                .hasMessage("retry.backoff_max_seconds must be at least retry.backoff_seconds (2.0); got 1.0");
    }

    @Test
    void certAndKeyComeTogether() {
        assertThatThrownBy(() -> new TcpSettings(Endpoint.parse("example.com:9000"), 5, 1, null, true, null,
                Path.of("client.pem"), null, false, false, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cert_file and key_file must be given together; got cert_file without key_file");
        assertThatThrownBy(() -> new TcpSettings(Endpoint.parse("example.com:9000"), 5, 1, null, true, null,
                null, Path.of("client.key"), false, false, null))
                .hasMessage("cert_file and key_file must be given together; got key_file without cert_file");
    }

    @Test
    void blankFilesAreRejected() {
        assertThatThrownBy(() -> mapper.readValue("{\"endpoint\":\"example.com:1\",\"ca_file\":\"\"}",
                TcpSettings.class))
                .isInstanceOf(ValueInstantiationException.class)
                .cause()
                .hasMessage("ca_file must not be blank");
        assertThatThrownBy(() -> TcpSettings.builder("example.com:1").caFile(Path.of(" ")).build())
                .hasMessage("ca_file must not be blank");
    }

    @Test
    void tlsFilesNeedTls() {
        assertThatThrownBy(() -> TcpSettings.builder("localhost:1").enableTls(false).caFile(Path.of("ca.pem"))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ca_file needs TLS; got enable_tls: false");
        assertThatThrownBy(() -> TcpSettings.builder("localhost:1").enableTls(false)
                .clientCertificate(Path.of("c.pem"), Path.of("c.key")).build())
                .hasMessage("cert_file and key_file need TLS; got enable_tls: false");
    }

    @Test
    void tcpDefaultsToTlsForRemoteHosts() {
        assertThat(TcpSettings.of("example.com:9000").useTls()).isTrue();
        assertThat(TcpSettings.of("10.1.2.3:9000").useTls()).isTrue();
        assertThat(TcpSettings.of("[2001:db8::1]:9000").useTls()).isTrue();
        assertThat(TcpSettings.of("localhost:9000").useTls()).isFalse();
        assertThat(TcpSettings.of("127.0.0.1:5000").useTls()).isFalse();
        assertThat(TcpSettings.of("127.3.2.1:5000").useTls()).isFalse();
        assertThat(TcpSettings.of("[::1]:5000").useTls()).isFalse();
        assertThat(TcpSettings.builder("localhost:9000").enableTls(true).build().useTls()).isTrue();
        assertThat(TcpSettings.builder("localhost:9000").caFile(Path.of("ca.pem")).build().useTls()).isTrue();
        assertThat(TcpSettings.builder("localhost:9000")
                .clientCertificate(Path.of("c.pem"), Path.of("c.key")).build().useTls()).isTrue();

        TcpTransport remote = create(TcpSettings.of("example.com:9000"));
        TcpTransport local = create(TcpSettings.of("localhost:9000"));

        assertThat(remote.usesTls()).isTrue();
        assertThat(local.usesTls()).isFalse();
    }

    @Test
    void tcpPlaintextToRemoteWithoutFlagFails() {
        assertThatThrownBy(() -> create(TcpSettings.builder("example.com:9000").enableTls(false).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Plaintext TCP transport is disabled; enable TLS or allow plaintext explicitly");
        assertThatThrownBy(() -> mapper.readValue("{\"endpoint\":\"example.com:9000\",\"enable_tls\":false}",
                TcpSettings.class))
                .isInstanceOf(ValueInstantiationException.class)
                .cause()
                .hasMessage("Plaintext TCP transport is disabled; enable TLS or allow plaintext explicitly");
    }

    @Test
    void plaintextNeedsBothFlagsForRemoteHosts() {
        TcpSettings allowed = TcpSettings.builder("example.com:9000").enableTls(false).allowPlaintext(true).build();
        TcpSettings alias = TcpSettings.builder("example.com:9000").enableTls(false).devAllowPlaintext(true).build();
        TcpSettings flagOnly = TcpSettings.builder("example.com:9000").allowPlaintext(true).build();

        assertThat(allowed.useTls()).isFalse();
        assertThat(alias.useTls()).isFalse();
        assertThat(flagOnly.useTls()).isTrue();
    }

    @Test
    void plaintextLoopbackAccepted() {
        TcpSettings settings = TcpSettings.builder("127.0.0.1:5000").enableTls(false).build();

        assertThat(settings.useTls()).isFalse();
        assertThat(create(settings).usesTls()).isFalse();
    }

    @Test
    void tlsClearsPlaintextFlagsWithWarning() {
        try (LogCapture log = LogCapture.on(TestTransportContexts.LOGGER_NAME)) {
            TcpTransport transport = create(TcpSettings.builder("example.com:9000").allowPlaintext(true)
                    .devAllowPlaintext(true).build());

            assertThat(transport.usesTls()).isTrue();
            assertThat(log.lines()).containsExactly("WARNING telemetry_tcp_plaintext_flags_cleared "
                    + "endpoint=example.com:9000 flags=allow_plaintext,dev_allow_plaintext: TLS is enabled, so "
                    + "allow_plaintext and dev_allow_plaintext have no effect");
        }
    }

    @Test
    void devAllowPlaintextWarnsThatItIsDeprecated() {
        try (LogCapture log = LogCapture.on(TestTransportContexts.LOGGER_NAME)) {
            create(TcpSettings.builder("example.com:9000").enableTls(false).devAllowPlaintext(true).build());

            assertThat(log.lines()).containsExactly("WARNING telemetry_tcp_dev_allow_plaintext_deprecated: "
                    + "dev_allow_plaintext is a deprecated alias of allow_plaintext; use allow_plaintext");
        }
    }

    @Test
    void factoryIsInstalledAsTcp() {
        List<String> names = new ArrayList<>();
        for (TransportFactory<?> factory : ServiceLoader.load(TransportFactory.class)) {
            names.add(factory.name());
        }

        assertThat(names).contains("tcp");
        assertThat(new TcpTransportFactory().settingsType()).isEqualTo(TcpSettings.class);
    }

    private TcpTransport create(TcpSettings settings) {
        Transport transport = new TcpTransportFactory().create(settings, TestTransportContexts.create());
        transports.add(transport);
        return (TcpTransport) transport;
    }
}
