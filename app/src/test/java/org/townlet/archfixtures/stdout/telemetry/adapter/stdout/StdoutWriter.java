package org.townlet.archfixtures.stdout.telemetry.adapter.stdout;

/** Fixture: compliant, the stdout adapter writes to System.out. */
final class StdoutWriter {
    void write(String line) {
        System.out.println(line);
    }
}
