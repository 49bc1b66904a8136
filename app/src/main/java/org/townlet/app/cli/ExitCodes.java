package org.townlet.app.cli;

/** The documented exit codes of every command (SPEC §19). */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A runtime failure: the simulation failed, a local I/O error. */
    public static final int RUNTIME_FAILURE = 1;
    /** A usage or configuration error. */
    public static final int USAGE = 2;
    /** {@code bench --enforce}: a performance target of SPEC §20 was missed. */
    public static final int TARGET_MISSED = 3;
    /** {@code run} was interrupted (SIGINT/SIGTERM) and stopped within its bound. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
