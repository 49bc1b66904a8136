package org.townlet.telemetry.core.worker;

/**
 * The limit a backlog is compared with at a periodic bound check on a hot path, such that the check's "over the
 * bound" branch is taken at the counter's first check whatever the backlog.
 *
 * <p>Why: a bound crossed only when another thread stalls is a branch the JIT's profile may never see taken during
 * warm-up. C2 then compiles it as an uncommon trap, and the first real crossing, perhaps minutes later, throws away the
 * compiled caller (on the simulation thread, its whole emit path) and has it recompiled once it is hot again, on one
 * of the machine's cores (docs/PERFORMANCE.md change 50). Taking the branch once per counter, early, puts it in the
 * profile; what it costs is one early pass of the slow path, which is correct at any time.
 *
 * <p>Stateless; any thread.
 */
public final class BoundCheck {
    private BoundCheck() {
    }

    /**
     * {@code bound}, or -1 when {@code count == firstCheck} (so that any backlog {@code >= 0} is over it). Branch-free,
     * so it adds no branch of its own to profile.
     *
     * @param count      the counter's value at this check, {@code >= 0}
     * @param firstCheck the counter's value at its first check, {@code >= 0}
     * @param bound      the bound, {@code >= 0}
     */
    public static long limitAt(long count, long firstCheck, long bound) {
        long first = ((count ^ firstCheck) - 1) >>> (Long.SIZE - 1); // 1 when equal, else 0 (both are >= 0)
        return bound - first * (bound + 1);
    }
}
