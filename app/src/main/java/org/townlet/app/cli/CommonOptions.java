package org.townlet.app.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--debug", description = "Show stack traces and debug logs.")
    boolean debug;

    public boolean debug() {
        return debug;
    }
}
