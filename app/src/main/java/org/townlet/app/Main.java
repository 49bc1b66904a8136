package org.townlet.app;

import org.townlet.app.cli.TownletCommand;

/** The {@code townlet} command line. Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(TownletCommand.execute(args));
    }
}
