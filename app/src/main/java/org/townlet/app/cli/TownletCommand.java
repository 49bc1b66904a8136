package org.townlet.app.cli;

import java.io.PrintWriter;
import org.townlet.app.config.ConfigurationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code townlet} command: dispatches to its subcommands and maps failures to exit codes. */
@Command(name = "townlet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {RunCommand.class, ValidateConfigCommand.class, org.townlet.app.listen.ListenCommand.class,
                org.townlet.app.bench.BenchCommand.class, org.townlet.app.broker.BrokerCommand.class,
                CommandLine.HelpCommand.class},
        description = {
            "Townlet Telemetry: a deterministic town simulation streaming versioned JSON telemetry.",
            "",
            "Frames go to stdout (NDJSON) or to the chosen transport; logs and progress go to stderr."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    success",
            "  1    runtime failure (simulation failure, local I/O error)",
            "  2    usage or configuration error (one line each; --debug: stack traces)",
            "  3    bench --enforce: a performance target was missed",
            "  130  run interrupted by SIGINT or SIGTERM (after a bounded stop)",
            "",
            "Run 'townlet COMMAND --help' for a command's options."
        })
public final class TownletCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'townlet run'");
    }

    /** Parses {@code args}, runs the command and returns its exit code; never throws. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new TownletCommand());
        commandLine.setExecutionExceptionHandler(TownletCommand::handleFailure);
        commandLine.setParameterExceptionHandler(TownletCommand::handleUsageError);
        return commandLine.execute(args);
    }

    /** One line for a mistake on the command line, naming the command whose help to read. */
    private static int handleUsageError(CommandLine.ParameterException failure, String[] args) {
        CommandLine commandLine = failure.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("townlet: " + failure.getMessage() + " (see 'townlet "
                + (commandLine.getCommandSpec().parent() == null ? "" : commandLine.getCommandName() + " ")
                + "--help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int handleFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean debug = parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug");
        Throwable cause = failure;
        while (!(cause instanceof ConfigurationException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof ConfigurationException configuration) {
            for (String error : configuration.errors()) {
                err.println("townlet: " + error);
            }
            if (debug) {
                failure.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.USAGE;
        }
        err.println("townlet: error: " + describe(failure) + (debug ? "" : " (run with --debug for details)"));
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.RUNTIME_FAILURE;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += ": " + cause.getMessage();
        }
        return text;
    }
}
