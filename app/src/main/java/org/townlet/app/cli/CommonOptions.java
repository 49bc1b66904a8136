package org.townlet.app.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--debug", description = "Show stack traces and debug logs.")
    boolean debug;

    @Option(names = "--quiet", description = "Only warnings and errors on stderr; no progress line.")
    boolean quiet;

    public boolean debug() {
        return debug;
    }

    public boolean quiet() {
        return quiet;
    }
}
