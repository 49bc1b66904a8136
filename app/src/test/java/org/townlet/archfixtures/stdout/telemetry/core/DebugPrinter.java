package org.townlet.archfixtures.stdout.telemetry.core;

/** Violator of only_the_stdout_adapter_and_app_touch_system_out_and_err: core prints. */
final class DebugPrinter {
    void debug(String line) {
        System.out.println(line);
    }
}
