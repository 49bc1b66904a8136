package org.townlet.sim;

/**
 * A simulation step failed (SPEC §18): the message reads {@code Simulation step failed (tick=N)} with the failed
 * tick, the cause is what the step threw, and a failure to report it ({@code loop.failure}) is attached as
 * suppressed. It ends the run.
 */
public final class SimulationLoopException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long tick;

    public SimulationLoopException(long tick, Throwable cause) {
        super("Simulation step failed (tick=" + tick + ")", cause);
        this.tick = tick;
    }

    /** The tick whose step failed. */
    public long tick() {
        return tick;
    }
}
