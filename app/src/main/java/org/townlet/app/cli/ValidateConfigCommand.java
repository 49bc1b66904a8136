package org.townlet.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.townlet.app.config.ConfigLoader;
import org.townlet.app.config.ConfigOverrides;
import org.townlet.app.config.LoadedConfig;
import org.townlet.app.config.TownletConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code townlet validate-config FILE}: checks a configuration without running anything or touching the network, and
 * prints the effective configuration, or every error (SPEC §15, §19).
 */
@Command(name = "validate-config",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Checks a configuration file without running anything.",
            "",
            "Opens no network connection. Prints 'OK: FILE (provider=..., transport=...)'",
            "and the effective configuration (every key, defaults filled in) and exits 0,",
            "or prints every error, one per line, and exits 2:",
            "  FILE:LINE:COL: KEY.PATH: PROBLEM; got VALUE; allowed: ...",
            ""
        })
final class ValidateConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Configuration file (YAML, or JSON for .json).")
    Path file;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Count the transports of the plugin jars in DIR as installed (default: ./plugins when it"
                    + " exists).")
    Path plugins;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AppContext context = AppContext.load(plugins);
        try (var ignored = context.plugins()) {
            LoadedConfig loaded = new ConfigLoader(context.transports().factories()).load(file, ConfigOverrides.NONE);
            TownletConfig config = loaded.config();
            PrintWriter out = spec.commandLine().getOut();
            out.println("OK: " + file + " (provider=" + config.runtime().telemetryProvider() + ", transport="
                    + config.transportName() + ")");
            out.print(loaded.effectiveYaml());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
