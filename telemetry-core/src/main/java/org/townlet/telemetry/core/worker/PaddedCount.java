package org.townlet.telemetry.core.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count that one thread advances on its hot path and other threads read as a hint, kept alone on its cache lines:
 * an object of its own with padding either side. Held in a field beside state that other threads write, the writer's
 * increments would make every one of those writes, and the writer's next increment, a cache miss (false sharing);
 * on the simulation thread that showed as sink calls costing several times their price (SPEC §20 P1).
 *
 * <p>Threads: {@link #increment()} by the owning thread only; {@link #read()} from any thread, without synchronising
 * with the owner (the value may be a little old).
 */
public final class PaddedCount {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedCount.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Two 64-byte lines either side (adjacent-line prefetch pairs them); fields of one size keep declaration order.
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    private long value;
    @SuppressWarnings("unused")
    private long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    /** Owning thread: adds one and returns the new value. */
    public long increment() {
        long next = value + 1;
        VALUE.setOpaque(this, next);
        return next;
    }

    /** Any thread: the value as last seen (no ordering with the owner's other writes). */
    public long read() {
        return (long) VALUE.getOpaque(this);
    }
}
