package org.townlet.telemetry.adapter.tcp;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Creates the {@code tcp} transport (SPEC §12.3): NDJSON frames streamed over one TCP connection, TLS by default
 * except to a loopback host, optionally with acknowledged delivery ({@code ack: true}, SPEC §12.3.1), which reports
 * acknowledgements through the context's {@code TransportCallbacks}. Creating it reads and parses the certificate and key files (so a bad file fails at
 * start-up, naming it) but opens no connection and starts no thread.
 *
 * <p>Listed in {@code META-INF/services/org.townlet.telemetry.api.transport.TransportFactory}.
 */
public final class TcpTransportFactory implements TransportFactory<TcpSettings> {
    /** The transport's name in {@code telemetry.transport.type}. */
    public static final String NAME = "tcp";

    /** The factory used by {@code ServiceLoader}. */
    public TcpTransportFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<TcpSettings> settingsType() {
        return TcpSettings.class;
    }

    /**
     * Builds the transport. With TLS on, {@code allow_plaintext} and {@code dev_allow_plaintext} have no effect and are
     * cleared with a WARNING naming them; {@code dev_allow_plaintext} on a plaintext transport warns that it is
     * deprecated.
     *
     * @throws IllegalArgumentException when {@code ca_file}, {@code cert_file} or {@code key_file} cannot be read or
     *                                  parsed, or the key does not belong to the certificate; the message names the
     *                                  key and the file
     */
    @Override
    public Transport create(TcpSettings settings, TransportContext context) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        System.Logger logger = System.getLogger(context.loggerName());
        boolean tls = settings.useTls();
        SSLContext sslContext = tls ? TlsContexts.create(settings) : null;
        if (tls) {
            List<String> cleared = new ArrayList<>();
            if (settings.allowPlaintext()) {
                cleared.add("allow_plaintext");
            }
            if (settings.devAllowPlaintext()) {
                cleared.add("dev_allow_plaintext");
            }
            if (!cleared.isEmpty()) {
                logger.log(Level.WARNING, "telemetry_tcp_plaintext_flags_cleared endpoint=" + settings.endpoint()
                        + " flags=" + String.join(",", cleared) + ": TLS is enabled, so "
                        + String.join(" and ", cleared) + (cleared.size() == 1 ? " has" : " have") + " no effect");
            }
        } else if (settings.devAllowPlaintext()) {
            logger.log(Level.WARNING, "telemetry_tcp_dev_allow_plaintext_deprecated: dev_allow_plaintext is a "
                    + "deprecated alias of allow_plaintext; use allow_plaintext");
        }
        return new TcpTransport(settings.endpoint(), sslContext, settings.verifyHostname(),
                settings.connectTimeout(), settings.sendTimeout(), settings.retry(), settings.ack(), context.clock(),
                context.random(), context.callbacks(), logger);
    }
}
