package org.townlet.app.listen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.townlet.app.config.ConfigurationException;
import org.townlet.app.logging.StderrLogging;
import org.townlet.telemetry.adapter.kafka.KafkaSettings;
import org.townlet.telemetry.core.consume.StreamConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code townlet listen}: a TCP/TLS receiver that applies telemetry frames with the reference consumer (SPEC §19), or
 * with {@code --kafka} a reader of a Kafka topic, one consumer per run id; either with the live dashboard on
 * {@code --http}.
 * Listed among the subcommands of {@code townlet}; a user's mistake is a {@link ConfigurationException} (one line,
 * exit 2), a local I/O error an unchecked exception (exit 1), both reported by the top-level command.
 */
@Command(name = "listen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Receives a telemetry stream over TCP or TLS and applies it.",
            "",
            "Frames go through the reference consumer, one producer at a time. Seq gaps,",
            "duplicates and bad lines are counted (bad input never stops it); frames are",
            "acknowledged to producers that ask (run --ack); a digest line is printed",
            "every second.",
            "",
            "With --kafka it reads a Kafka topic instead, one consumer state per run id",
            "(the record key). --http serves a live dashboard; with --kafka it shows",
            "every run and lets you choose one by run id.",
            "",
            "SIGINT/SIGTERM, --max-frames and --idle-exit end it normally: the final",
            "counters go to stderr and the summary is written.",
            "Exit codes: 0 ok, 1 local I/O error (bind, output), 2 usage,",
            "4 --strict saw a gap, duplicate or bad line.",
            "",
            "Examples:",
            "  townlet listen --port 8765 --out frames.jsonl --summary-json s.json",
            "  townlet listen --port 8765 --http 8088     # then open http://127.0.0.1:8088/",
            "  townlet listen --kafka 127.0.0.1:9092 --idle-exit 10 --summary-json runs.json",
            "  townlet listen --kafka 127.0.0.1:9092 --http 8088   # runs chosen by run id",
            "  townlet listen --tls-cert server.pem --tls-key server.key \\",
            "      --tls-client-ca clients.pem"
        })
public final class ListenCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "P", description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
    int port = ListenSettings.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "HOST",
            description = "Address to listen on, and to serve --http on (default: ${DEFAULT-VALUE}).")
    String bind = ListenSettings.DEFAULT_BIND;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
            description = "Read a Kafka topic instead of listening on TCP: host:port[,host:port…] bootstrap servers;"
                    + " from the earliest offset, one consumer state per run id (the record key).")
    String kafka;

    @Option(names = "--topic", paramLabel = "T", description = "With --kafka: the topic (default: ${DEFAULT-VALUE}).")
    String topic = KafkaSettings.DEFAULT_TOPIC;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve TLS with this certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Unencrypted PKCS#8 key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "PEM",
            description = "Require client certificates issued by these CA certificates (mutual TLS).")
    Path tlsClientCa;

    @Option(names = "--http", paramLabel = "PORT",
            description = "Serve a live dashboard on this port of --bind: one page, updated as frames arrive"
                    + " (Server-Sent Events); all assets served by townlet, nothing from the internet. With --kafka,"
                    + " one run per run id, chosen on the page (the most recently active one by default).")
    Integer http;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Append every frame, verbatim, once per seq (the digest then goes to stderr).")
    Path out;

    @Option(names = "--raw", description = "Print every frame, verbatim, to stdout (the digest then goes to stderr).")
    boolean raw;

    @Option(names = "--print", description = "Print the one-line digest every second on stdout (the default).")
    boolean print;

    @Option(names = "--state-out", paramLabel = "FILE", description = "Write the final consumer state as JSON.")
    Path stateOut;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Write the closing counters as one JSON object (frames, bytes, gaps, duplicates, malformed,"
                    + " connections, ...).")
    Path summaryJson;

    @Option(names = "--max-line-bytes", paramLabel = "N",
            description = "Skip (and count) longer lines (default: ${DEFAULT-VALUE}, 16 MiB).")
    long maxLineBytes = StreamConsumer.DEFAULT_MAX_LINE_BYTES;

    @Option(names = "--max-frames", paramLabel = "N", description = "End after N frames.")
    Long maxFrames;

    @Option(names = "--idle-exit", paramLabel = "SECONDS", description = "End after SECONDS without a line received.")
    Double idleExit;

    @Option(names = "--strict", description = "Exit 4 if a gap, duplicate or bad line was seen.")
    boolean strict;

    @Option(names = "--quiet", description = "Only warnings and errors on stderr; no digest there.")
    boolean quiet;

    // Not the cli package's CommonOptions mixin: cli lists this command, so depending on cli would make a package
    // cycle (architecture rule 4). Same option, same meaning.
    @Option(names = "--debug", description = "Show stack traces and debug logs.")
    boolean debug;

    @Override
    public Integer call() {
        StderrLogging.configure(debug, quiet);
        if (print && raw) {
            throw new ConfigurationException("--print and --raw cannot be combined: both write to stdout");
        }
        if (maxFrames != null && maxFrames < 1) {
            throw new ConfigurationException("--max-frames: must be >= 1; got " + maxFrames);
        }
        if (idleExit != null && !(idleExit > 0 && idleExit <= 1e9)) {
            throw new ConfigurationException("--idle-exit: must be > 0 seconds; got " + idleExit);
        }
        if (kafka != null) {
            return kafka();
        }
        ListenSettings settings = ListenSettings.builder()
                .port(port)
                .bind(bind)
                .tls(tlsCert, tlsKey)
                .tlsClientCa(tlsClientCa)
                .out(out)
                .raw(raw)
                .stateOut(stateOut)
                .summaryJson(summaryJson)
                .maxLineBytes(maxLineBytes)
                .maxFrames(maxFrames == null ? 0 : maxFrames)
                .idleExit(idleExit == null ? null : Duration.ofNanos(Math.round(idleExit * 1e9)))
                .strict(strict)
                .quiet(quiet)
                .http(http)
                .build();
        return new ListenRun(settings, System.out, System.err).execute();
    }

    private int kafka() {
        try {
            KafkaSettings.of(kafka).withTopic(topic);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--kafka/--topic: " + e.getMessage(), e);
        }
        String[][] unsupported = {
            {"--tls-cert", tlsCert == null ? null : "x"}, {"--tls-key", tlsKey == null ? null : "x"},
            {"--tls-client-ca", tlsClientCa == null ? null : "x"},
            {"--out", out == null ? null : "x"}, {"--raw", raw ? "x" : null}, {"--state-out", stateOut == null ? null : "x"},
            {"--max-frames", maxFrames == null ? null : "x"}, {"--strict", strict ? "x" : null}};
        for (String[] option : unsupported) {
            if (option[1] != null) {
                throw new ConfigurationException(option[0] + " cannot be combined with --kafka (not supported yet)");
            }
        }
        // The flags that apply to --kafka, checked as for TCP (--bind and --http for the dashboard).
        ListenSettings settings = ListenSettings.builder()
                .bind(bind)
                .summaryJson(summaryJson)
                .maxLineBytes(maxLineBytes)
                .idleExit(idleExit == null ? null : Duration.ofNanos(Math.round(idleExit * 1e9)))
                .quiet(quiet)
                .http(http)
                .build();
        return new KafkaListen(kafka, topic, settings, System.err).execute();
    }
}
