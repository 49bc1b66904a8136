package org.townlet.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.townlet.app.config.ConfigLoader;
import org.townlet.app.config.ConfigOverrides;
import org.townlet.app.config.ConfigurationException;
import org.townlet.app.config.TownletConfig;
import org.townlet.app.logging.StderrLogging;
import org.townlet.app.plugin.Plugins;
import org.townlet.app.wiring.TransportCatalog;
import org.townlet.app.wiring.TransportRegistry;
import org.townlet.telemetry.api.TelemetrySchema;
import org.townlet.telemetry.core.publish.StubTelemetrySink;
import org.townlet.telemetry.core.worker.TelemetryWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code townlet bench [CONFIG]}: telemetry on vs off, and every performance target of SPEC §20 (§19). */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measures what telemetry costs the simulation and how fast it delivers (SPEC §20).",
            "",
            "In one process: a warm-up, then interleaved unpaced rounds with telemetry on (the",
            "publisher and --transport, by default a file in a temporary directory) and off (the",
            "stub sink); a round paced at 5,000 ticks/s into the file transport with defaults",
            "(frames_dropped, queue_peak); and a TCP round comparing the worker and TCP transport,",
            "fed pre-encoded frames, with one thread writing the same bytes to a loopback socket.",
            "A table goes to stdout, progress to stderr; --json writes the figures.",
            "",
            "Examples:",
            "  townlet bench --agents 50 --ticks 5000 --json bench.json",
            "  townlet bench --enforce",
            ""
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    measured (with --enforce: every target met)",
            "  1    runtime failure",
            "  2    usage or configuration error",
            "  3    --enforce and a target was missed"
        })
public final class BenchCommand implements Callable<Integer> {
    /** Exit code: measured (with {@code --enforce}: every target met). Matches {@code ExitCodes.OK}. */
    static final int OK = 0;
    /** Exit code of {@code --enforce} when a target was missed. Matches {@code ExitCodes.TARGET_MISSED}. */
    static final int TARGET_MISSED = 3;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "Configuration file for the simulation and the \"on\" rounds (default: built-in).")
    Path config;

    @Option(names = "--agents", paramLabel = "N", description = "Agents in the town (default 50).")
    long agents = 50;

    @Option(names = "--ticks", paramLabel = "N", description = "Ticks per round (default 5000).")
    long ticks = 5000;

    @Option(names = "--warmup", paramLabel = "N", description = "Ticks of each warm-up round (default: as --ticks, so"
            + " that the warm-up runs every tick the measured rounds run, and the JIT compiles it beforehand).")
    Long warmup;

    @Option(names = "--warmup-seconds", paramLabel = "S", description = "Repeat warm-up cycles (on, off, paced) until"
            + " S seconds have passed and the JIT has settled (" + BenchRunner.JIT_SETTLED_CYCLES + " cycles in a row"
            + " with at most " + (int) (BenchRunner.JIT_SETTLED_SHARE * 100) + "%% of their time compiling), at most "
            + (int) BenchRunner.WARMUP_LIMIT_FACTOR + " x S seconds (default 40: the worker's once-per-batch code"
            + " reaches C2 only 25-39 s after start on 2 cores; 0 = one cycle).")
    double warmupSeconds = 40;

    @Option(names = "--repeat", paramLabel = "N", description = "Interleaved on/off round pairs (default 3).")
    int repeat = 3;

    @Option(names = "--transport", paramLabel = "NAME",
            description = "The \"on\" transport: file, tcp-loopback or stdout (default file).")
    String transport = "file";

    @Option(names = "--json", paramLabel = "FILE", description = "Write the figures as one JSON object.")
    Path json;

    @Option(names = "--sweep", description = "Also run one \"on\" round per max_batch_size [16,32] x"
            + " flush_interval_ticks [1,2] x worker_poll_seconds [0.5,1.0]; needs --out.")
    boolean sweep;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Where --sweep writes its CSV (one row each).")
    Path out;

    @Option(names = "--enforce", description = "Exit 3 when a target of SPEC §20 is missed.")
    boolean enforce;

    @Option(names = "--debug", description = "Show stack traces and debug logs, and the expected warnings of the"
            + " unpaced rounds' drops and of the stub sink, which are otherwise only counted.")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        StderrLogging.configure(debug, true);
        // Unpaced rounds drop frames by design and the stub sink announces itself every round: dozens of warnings that
        // the results report as counts anyway. Left out unless --debug; the count of them is printed.
        LongSupplier omitted = debug ? () -> 0 : StderrLogging.omit(List.of(TelemetryWorker.DROP_WARNING_PREFIX,
                TelemetryWorker.DROP_SUMMARY_PREFIX, StubTelemetrySink.STUB_WARNING));
        BenchSettings settings;
        try {
            settings = new BenchSettings(agents, ticks, warmup != null ? warmup : ticks, warmupSeconds, repeat,
                    transport);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        if (sweep && out == null) {
            throw new ConfigurationException("--sweep: needs --out FILE.csv");
        }
        if (out != null && !sweep) {
            throw new ConfigurationException("--out: only with --sweep");
        }
        Plugins plugins = Plugins.load(Plugins.resolveDirectory(null), BenchCommand.class.getClassLoader());
        TransportRegistry transports;
        try {
            transports = TransportCatalog.build(plugins);
        } catch (RuntimeException e) {
            try {
                plugins.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        ConfigLoader loader = new ConfigLoader(transports.factories());
        // fail on a bad configuration before anything runs
        loader.load(config, ConfigOverrides.NONE);
        Path workDir = Files.createTempDirectory("townlet-bench");
        PrintStream progress = System.err;
        try (LoopbackReceiver sinkReceiver = settings.transport().equals("tcp-loopback") ? new LoopbackReceiver()
                : null) {
            BenchRunner.Configs configs = new BenchRunner.Configs() {
                @Override
                public TownletConfig on(Path fileOrNull, long roundTicks) {
                    ConfigOverrides.Builder overrides = ConfigOverrides.builder()
                            .set("--agents", "simulation.agents", settings.agents())
                            .set("--ticks", "simulation.ticks", roundTicks);
                    switch (settings.transport()) {
                        case "file" -> overrides.set("--transport", "telemetry.transport.type", "file")
                                .set("--transport", "telemetry.transport.file_path",
                                        String.valueOf(fileOrNull == null ? workDir.resolve("off.jsonl")
                                                : fileOrNull));
                        case "tcp-loopback" -> overrides.set("--transport", "telemetry.transport.type", "tcp")
                                .set("--transport", "telemetry.transport.endpoint",
                                        "127.0.0.1:" + sinkReceiver.port());
                        default -> overrides.set("--transport", "telemetry.transport.type", "stdout");
                    }
                    return loader.load(config, overrides.build()).config();
                }

                @Override
                public TownletConfig sweep(Path fileOrNull, long roundTicks, int maxBatchSize,
                        long flushIntervalTicks, double pollSeconds) {
                    ConfigOverrides.Builder overrides = ConfigOverrides.builder()
                            .set("--agents", "simulation.agents", settings.agents())
                            .set("--ticks", "simulation.ticks", roundTicks)
                            .set("--transport", "telemetry.transport.type", "file")
                            .set("--transport", "telemetry.transport.file_path", String.valueOf(fileOrNull))
                            .set("--sweep", "telemetry.transport.buffer.max_batch_size", (long) maxBatchSize)
                            .set("--sweep", "telemetry.transport.buffer.flush_interval_ticks", flushIntervalTicks)
                            .set("--sweep", "telemetry.transport.worker_poll_seconds", pollSeconds);
                    return loader.load(config, overrides.build()).config();
                }

                @Override
                public TownletConfig fileDefaults(Path file, long roundTicks) {
                    return loader.load(null, ConfigOverrides.builder()
                            .set("--agents", "simulation.agents", settings.agents())
                            .set("--ticks", "simulation.ticks", roundTicks)
                            .set("--transport", "telemetry.transport.type", "file")
                            .set("--transport", "telemetry.transport.file_path", file.toString())
                            .build()).config();
                }
            };
            BenchRunner runner = new BenchRunner(configs, transports, settings, progress);
            BenchResult result = runner.run(workDir);
            if (omitted.getAsLong() > 0) {
                progress.printf("bench: %d expected warnings not shown (buffer drops, counted in"
                        + " frames_dropped_unpaced and frames_dropped; the stub sink's notice in each \"off\" round);"
                        + " --debug shows them%n", omitted.getAsLong());
            }
            print(result, settings, System.out);
            if (json != null) {
                writeJson(result, settings);
            }
            if (sweep) {
                List<String> rows = runner.sweep(workDir);
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(out, rows);
                progress.println("bench: sweep written to " + out);
            }
            if (enforce && !result.allTargetsMet()) {
                System.err.println("townlet: bench: a performance target was missed (see the table)");
                return TARGET_MISSED;
            }
            return OK;
        } finally {
            deleteQuietly(workDir);
            plugins.close();
        }
    }

    private void writeJson(BenchResult result, BenchSettings settings) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>(result.toMap());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("available_processors", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        document.put("machine", machine);
        Map<String, Object> settingsMap = new LinkedHashMap<>();
        settingsMap.put("agents", settings.agents());
        settingsMap.put("ticks", settings.ticks());
        settingsMap.put("warmup", settings.warmup());
        settingsMap.put("warmup_seconds", settings.warmupSeconds());
        settingsMap.put("repeat", settings.repeat());
        settingsMap.put("transport", settings.transport());
        settingsMap.put("paced_ticks_per_second_target", BenchRunner.PACED_TICKS_PER_SECOND);
        settingsMap.put("config", config == null ? null : config.toString());
        settingsMap.put("schema_version", TelemetrySchema.VERSION);
        document.put("settings", settingsMap);
        document.put("targets", result.targets());
        Map<String, Object> calls = new LinkedHashMap<>();
        result.sinkCalls().forEach((call, cost) -> calls.put(call, cost.toMap()));
        document.put("sink_calls", calls);
        // LinkedHashMap, not Map.of: the JSON keeps one key order from run to run.
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("unpaced_on", result.cpuOn().toMap());
        cpu.put("paced", result.cpuPaced().toMap());
        document.put("thread_cpu_us_per_tick", cpu);
        document.put("paced_round_contention", result.pacedContention().toMap());
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
    }

    private static void print(BenchResult result, BenchSettings settings, PrintStream out) {
        out.printf("townlet bench: %d agents, %d ticks per round, %d rounds, transport %s%n", settings.agents(),
                settings.ticks(), settings.repeat(), settings.transport());
        for (Map.Entry<String, Object> entry : result.toMap().entrySet()) {
            out.printf("  %-26s %s%n", entry.getKey(), entry.getValue());
        }
        out.println("targets (SPEC §20):");
        result.targets().forEach((name, met) -> out.printf("  %-42s %s%n", name, met ? "met" : "MISSED"));
        out.println("sink time per tick on the simulation thread, by call (timer included):");
        result.sinkCalls().forEach((call, cost) -> out.printf("  %-26s %8.1f ns  (%.2f calls)%n", call,
                cost.nanosPerTick(), cost.callsPerTick()));
        out.println("CPU per tick by thread, until drained (µs): simulation / deriver / worker");
        out.printf("  unpaced on rounds           %6.1f / %6.1f / %6.1f%n", result.cpuOn().simulationUs(),
                result.cpuOn().deriverUs(), result.cpuOn().workerUs());
        out.printf("  paced round                 %6.1f / %6.1f / %6.1f%n", result.cpuPaced().simulationUs(),
                result.cpuPaced().deriverUs(), result.cpuPaced().workerUs());
        out.println("during the paced round: " + result.pacedContention().describe());
        out.flush();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
