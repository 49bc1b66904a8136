package org.townlet.archfixtures.stdout.sim;

/** Violator of only_the_stdout_adapter_and_app_touch_system_out_and_err: the simulation prints to stderr. */
final class TickReporter {
    void report(long tick) {
        System.err.println(tick);
    }
}
