package org.townlet.archfixtures.stdout.app;

/** Fixture: compliant, app prints to System.err. */
final class Cli {
    void warn(String line) {
        System.err.println(line);
    }
}
