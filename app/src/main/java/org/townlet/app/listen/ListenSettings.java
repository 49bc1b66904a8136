package org.townlet.app.listen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.townlet.app.config.ConfigurationException;
import org.townlet.telemetry.core.consume.LineReader;
import org.townlet.telemetry.core.consume.StreamConsumer;

/**
 * What {@code townlet listen} does (SPEC §19), from its flags. Validated when built: a bad value is a
 * {@link ConfigurationException} naming the flag (exit 2). Immutable.
 *
 * @param port         {@code --port}: 1–65535, or 0 for an ephemeral port (tests); default {@value #DEFAULT_PORT}
 * @param bind         {@code --bind}: the address to listen on; default {@value #DEFAULT_BIND}
 * @param tlsCert      {@code --tls-cert}: PEM certificate chain of the server; with {@code tlsKey}, TLS; null for
 *                     plaintext
 * @param tlsKey       {@code --tls-key}: unencrypted PKCS#8 PEM key of {@code tlsCert}
 * @param tlsClientCa  {@code --tls-client-ca}: PEM certificates of the authorities whose client certificates are
 *                     accepted; given, client certificates are required; null for none
 * @param out          {@code --out}: file that frames are appended to, verbatim; null for none
 * @param raw          {@code --raw}: frames to stdout, verbatim
 * @param stateOut     {@code --state-out}: file for the final state; null for none
 * @param summaryJson  {@code --summary-json}: file for the closing summary; null for none
 * @param maxLineBytes {@code --max-line-bytes}: longer lines are skipped as oversize; default 16 MiB
 * @param maxFrames    {@code --max-frames}: end after this many frames; 0 for no limit
 * @param idleExit     {@code --idle-exit}: end after this long without receiving a line; null for never
 * @param strict       {@code --strict}: exit 4 after a gap, duplicate or bad line
 * @param quiet        {@code --quiet}: only warnings and errors on stderr, no digest there
 * @param httpPort     {@code --http}: serve the live dashboard on this port of {@code bind} (0 for an ephemeral
 *                     port, tests); null for no dashboard
 */
public record ListenSettings(int port, String bind, Path tlsCert, Path tlsKey, Path tlsClientCa, Path out,
                             boolean raw, Path stateOut, Path summaryJson, long maxLineBytes, long maxFrames,
                             Duration idleExit, boolean strict, boolean quiet,
                             Integer httpPort) {
    /** Default {@code --port}. */
    public static final int DEFAULT_PORT = 8765;
    /** Default {@code --bind}. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    /** Checks every flag and the combinations. */
    public ListenSettings {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("--port: must be 1–65535 (0 for any free port); got " + port);
        }
        if (bind.isBlank()) {
            throw new ConfigurationException("--bind: must not be blank");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ConfigurationException("--tls-cert and --tls-key must be given together; got "
                    + (tlsCert == null ? "--tls-key without --tls-cert" : "--tls-cert without --tls-key"));
        }
        if (tlsClientCa != null && tlsCert == null) {
            throw new ConfigurationException("--tls-client-ca needs TLS: give --tls-cert and --tls-key too");
        }
        if (maxLineBytes < 1 || maxLineBytes > LineReader.MAX_LINE_BYTES_LIMIT) {
            throw new ConfigurationException("--max-line-bytes: must be 1–" + LineReader.MAX_LINE_BYTES_LIMIT
                    + "; got " + maxLineBytes);
        }
        if (maxFrames < 0) {
            throw new ConfigurationException("--max-frames: must be >= 1; got " + maxFrames);
        }
        if (idleExit != null && (idleExit.isNegative() || idleExit.isZero())) {
            throw new ConfigurationException("--idle-exit: must be > 0 seconds; got " + idleExit.toMillis() / 1e3);
        }
        if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
            throw new ConfigurationException("--http: must be 1–65535 (0 for any free port); got " + httpPort);
        }
        if (out != null && summaryJson != null && out.equals(summaryJson)) {
            throw new ConfigurationException("--out and --summary-json name the same file: " + out);
        }
    }

    /** A builder with every default: plaintext on 127.0.0.1:8765, digest on stdout, 16 MiB lines, no limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether connections use TLS. */
    public boolean tls() {
        return tlsCert != null;
    }

    /** Where the per-second digest goes: stdout, unless frames go there or to a file. */
    public boolean digestOnStdout() {
        return out == null && !raw;
    }

    /** Builds {@link ListenSettings}; starts from the defaults; {@link #build()} validates. Single-threaded. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private String bind = DEFAULT_BIND;
        private Path tlsCert;
        private Path tlsKey;
        private Path tlsClientCa;
        private Path out;
        private boolean raw;
        private Path stateOut;
        private Path summaryJson;
        private long maxLineBytes = StreamConsumer.DEFAULT_MAX_LINE_BYTES;
        private long maxFrames;
        private Duration idleExit;
        private boolean strict;
        private boolean quiet;
        private Integer httpPort;

        private Builder() {
        }

        /** {@code --port}; 0 for an ephemeral port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** {@code --bind}. */
        public Builder bind(String bind) {
            this.bind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        /** {@code --tls-cert} and {@code --tls-key}. */
        public Builder tls(Path certFile, Path keyFile) {
            this.tlsCert = certFile;
            this.tlsKey = keyFile;
            return this;
        }

        /** {@code --tls-client-ca}. */
        public Builder tlsClientCa(Path clientCa) {
            this.tlsClientCa = clientCa;
            return this;
        }

        /** {@code --out}. */
        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        /** {@code --raw}. */
        public Builder raw(boolean raw) {
            this.raw = raw;
            return this;
        }

        /** {@code --state-out}. */
        public Builder stateOut(Path stateOut) {
            this.stateOut = stateOut;
            return this;
        }

        /** {@code --summary-json}. */
        public Builder summaryJson(Path summaryJson) {
            this.summaryJson = summaryJson;
            return this;
        }

        /** {@code --max-line-bytes}. */
        public Builder maxLineBytes(long maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
            return this;
        }

        /** {@code --max-frames}; 0 for no limit. */
        public Builder maxFrames(long maxFrames) {
            this.maxFrames = maxFrames;
            return this;
        }

        /** {@code --idle-exit}; null for never. */
        public Builder idleExit(Duration idleExit) {
            this.idleExit = idleExit;
            return this;
        }

        /** {@code --strict}. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** {@code --quiet}. */
        public Builder quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        /** {@code --http}; 0 for an ephemeral port, null for no dashboard. */
        public Builder http(Integer httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /**
         * The settings.
         *
         * @throws ConfigurationException naming the flag
         */
        public ListenSettings build() {
            return new ListenSettings(port, bind, tlsCert, tlsKey, tlsClientCa, out, raw, stateOut, summaryJson,
                    maxLineBytes, maxFrames, idleExit, strict, quiet, httpPort);
        }
    }
}
