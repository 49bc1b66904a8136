package org.townlet.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.townlet.app.logging.StderrLogging;
import org.townlet.app.run.RunSettings;
import org.townlet.app.run.SimulationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code townlet run}: runs the town simulation and streams its telemetry. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the town simulation with telemetry, on built-in defaults unless options say otherwise.",
            "",
            "With the default stdout transport every stdout line is one JSON frame; logs, progress and the",
            "closing summary go to stderr. Example:",
            "  townlet run --ticks 200 > frames.jsonl",
            "  townlet run --transport file --file out/frames.jsonl"
        })
final class RunCommand implements Callable<Integer> {
    @Option(names = "--ticks", paramLabel = "N", description = "Ticks to simulate (default: ${DEFAULT-VALUE}).")
    long ticks = RunSettings.DEFAULT_TICKS;

    @Option(names = "--seed", paramLabel = "S", description = "World seed (default: ${DEFAULT-VALUE}).")
    long seed = RunSettings.DEFAULT_SEED;

    @Option(names = "--agents", paramLabel = "N", description = "Number of agents (default: ${DEFAULT-VALUE}).")
    int agents = RunSettings.DEFAULT_AGENTS;

    @Option(names = "--transport", paramLabel = "NAME",
            description = "Where frames go: stdout, file, none, or any installed transport (default: ${DEFAULT-VALUE}).")
    String transport = RunSettings.DEFAULT_TRANSPORT;

    @Option(names = "--file", paramLabel = "PATH", description = "Output file of the file transport (appended to).")
    Path file;

    @Option(names = "--backpressure", paramLabel = "STRATEGY",
            description = "What happens when the buffer is full: drop_oldest, block or fan_out (default: ${DEFAULT-VALUE}).")
    String backpressure = RunSettings.DEFAULT_BACKPRESSURE;

    @Option(names = "--keyframe-interval", paramLabel = "N",
            description = "A full snapshot every N ticks; 0 = only when forced (default: ${DEFAULT-VALUE}).")
    int keyframeInterval = RunSettings.DEFAULT_KEYFRAME_INTERVAL;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        StderrLogging.configure(common.debug(), common.quiet());
        RunSettings settings = new RunSettings(ticks, seed, agents, transport, file, backpressure, keyframeInterval,
                common.quiet());
        return new SimulationRun(settings).execute();
    }
}
