package org.townlet.app;

import org.townlet.app.cli.TownletCommand;

/** The {@code townlet} command line. Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // The JSON schema validator logs through SLF4J, which has no provider here: keep its start-up notice off
        // stderr (SLF4J's own diagnostics only; nothing of ours is logged through it).
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(TownletCommand.execute(args));
    }
}
