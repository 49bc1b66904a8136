package org.townlet.app.cli;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.townlet.app.config.ConfigLoader;
import org.townlet.app.config.ConfigOverrides;
import org.townlet.app.config.ConfigurationException;
import org.townlet.app.config.LoadedConfig;
import org.townlet.app.config.WorkerConfig;
import org.townlet.app.lifecycle.Lifecycle;
import org.townlet.app.lifecycle.LifecycleManager;
import org.townlet.app.logging.StderrLogging;
import org.townlet.app.run.RunOptions;
import org.townlet.app.run.SimulationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code townlet run [CONFIG]}: runs the town simulation and streams its telemetry (SPEC §19). */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the town simulation and streams its telemetry.",
            "",
            "Built-in defaults (scenario small_story, 1000 ticks, frames to stdout) unless",
            "a configuration file or options say otherwise; options override the file.",
            "With the stdout transport every stdout line is one JSON frame, and logs,",
            "progress and the closing summary go to stderr (the summary goes to stdout",
            "with any other transport). Ctrl-C stops after the current tick, drains within",
            "telemetry.worker.stop_timeout_seconds, prints the summary and exits 130.",
            "Unless a backpressure is chosen, an unpaced run waits for its transport",
            "(block) and a paced one (--tick-rate) drops the oldest frames when behind.",
            "",
            "Examples:",
            "  townlet run --ticks 200 > frames.jsonl",
            "  townlet run --file out/frames.jsonl",
            "  townlet run --endpoint 127.0.0.1:8765 --ack --tick-rate 400",
            "  townlet run town.yaml --summary-json summary.json",
            ""
        })
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "Configuration file (YAML, or JSON for .json); see docs/CONFIGURATION.md.")
    Path config;

    @Option(names = "--ticks", paramLabel = "N", description = "Ticks to simulate (simulation.ticks; default 1000).")
    Long ticks;

    @Option(names = "--seed", paramLabel = "S", description = "World seed (simulation.seed; default 42).")
    Long seed;

    @Option(names = "--agents", paramLabel = "N",
            description = "Number of agents (simulation.agents; default: the scenario's, 8 for small_story).")
    Long agents;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Scenario preset: small_story, empty_town, queue_conflict, large_town (default small_story).")
    String scenario;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Names this run to consumers; never written into frames (default: a random UUID).")
    String runId;

    @Option(names = "--tick-rate", paramLabel = "N",
            description = "Pace the run to N ticks per second, never faster; 0 runs flat out (default 0). Ticks"
                    + " due within the same millisecond run together, so each starts less than 1 ms late. Pacing"
                    + " also decides the default --backpressure.")
    double tickRate;

    @Option(names = "--transport", paramLabel = "NAME",
            description = "Where frames go: stdout, file, tcp, none, or any installed transport such as a plugin's"
                    + " (telemetry.transport.type; default stdout).")
    String transport;

    @Option(names = "--file", paramLabel = "PATH",
            description = "The file transport's output, appended to (telemetry.transport.file_path); selects the"
                    + " file transport unless one is named.")
    String file;

    @Option(names = "--endpoint", paramLabel = "HOST:PORT",
            description = "The tcp transport's endpoint, host:port or [ipv6]:port (telemetry.transport.endpoint);"
                    + " selects tcp unless a transport is named. TLS except to a loopback host.")
    String endpoint;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "Trust these CA certificates too (ca_file).")
    String tlsCa;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Client certificate for mutual TLS (cert_file).")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "Unencrypted PKCS#8 key of --tls-cert (key_file).")
    String tlsKey;

    @Option(names = "--no-verify-hostname",
            description = "Do not check that the server certificate names the host (the chain is still verified).")
    boolean noVerifyHostname;

    @Option(names = "--allow-plaintext",
            description = "Allow plaintext tcp to a remote host; turns TLS off unless a --tls-* option is given.")
    boolean allowPlaintext;

    @Option(names = "--ack", description = "Acknowledged tcp delivery with replay after reconnects (telemetry.transport.ack).")
    boolean ack;

    @Option(names = "--backpressure", paramLabel = "STRATEGY",
            description = "When the buffer is full: drop_oldest, block or fan_out (telemetry.worker.backpressure)."
                    + " Default: block for an unpaced run, which then waits (up to "
                    + (long) WorkerConfig.MAX_BLOCK_TIMEOUT_SECONDS + " s, block_timeout_seconds) for"
                    + " its transport instead of dropping frames; drop_oldest with --tick-rate, so a paced run keeps"
                    + " its pace.")
    String backpressure;

    @Option(names = "--keyframe-interval", paramLabel = "N",
            description = "A full snapshot every N ticks; 0 = only when forced (default 100).")
    Long keyframeInterval;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Load transport plugins from the jars in DIR (default: ./plugins when it exists).")
    Path plugins;

    @Option(names = "--quiet", description = "Only warnings and errors on stderr: no progress line, no summary.")
    boolean quiet;

    @Option(names = "--summary-json", paramLabel = "FILE",
            description = "Write the closing summary as JSON, also when the run is interrupted.")
    Path summaryJson;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        StderrLogging.configure(common.debug(), quiet);
        RunOptions options;
        try {
            options = new RunOptions(runId == null ? UUID.randomUUID().toString() : runId, tickRate, quiet,
                    summaryJson);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        if (runId != null && runId.isBlank()) {
            throw new ConfigurationException("--run-id: must not be blank");
        }
        AppContext context = AppContext.load(plugins);
        LifecycleManager lifecycle = new LifecycleManager().add("plugins", Lifecycle.onStop(context.plugins()));
        try {
            LoadedConfig loaded = new ConfigLoader(context.transports().factories()).load(config, overrides());
            return new SimulationRun(loaded.config(), context.transports(), options, lifecycle).execute();
        } finally {
            lifecycle.stop();
        }
    }

    private ConfigOverrides overrides() {
        boolean tlsFlag = tlsCa != null || tlsCert != null || tlsKey != null;
        return ConfigOverrides.builder()
                .run(tickRate)
                .set("--ticks", "simulation.ticks", ticks)
                .set("--seed", "simulation.seed", seed)
                .set("--agents", "simulation.agents", agents)
                .set("--scenario", "simulation.scenario", scenario)
                .set("--transport", "telemetry.transport.type", transport)
                .set("--file", "telemetry.transport.file_path", file)
                .set("--endpoint", "telemetry.transport.endpoint", endpoint)
                .set("--tls-ca", "telemetry.transport.ca_file", tlsCa)
                .set("--tls-cert", "telemetry.transport.cert_file", tlsCert)
                .set("--tls-key", "telemetry.transport.key_file", tlsKey)
                .set("--no-verify-hostname", "telemetry.transport.verify_hostname", noVerifyHostname ? false : null)
                .set("--allow-plaintext", "telemetry.transport.allow_plaintext", allowPlaintext ? true : null)
                .set("--allow-plaintext", "telemetry.transport.enable_tls",
                        allowPlaintext && !tlsFlag ? false : null)
                .set("--ack", "telemetry.transport.ack", ack ? true : null)
                .set("--backpressure", "telemetry.worker.backpressure", backpressure)
                .set("--keyframe-interval", "telemetry.keyframe_interval_ticks", keyframeInterval)
                .build();
    }
}
