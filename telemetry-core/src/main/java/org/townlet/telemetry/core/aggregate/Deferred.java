package org.townlet.telemetry.core.aggregate;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A derived model of one tick that depends on that tick's inputs only, never on the previous tick's derived models,
 * computed when first read instead of while the tick is derived (SPEC §2, §20 P1). Deriving must keep pace with the
 * simulation, tick by tick, because histories and the narration limiter advance with every tick; these values need
 * not: the frame builder reads them for the ticks whose frames are built, and a tick whose frame is dropped and that
 * nobody reads never pays for them. Computed at most once; equal to another {@code Deferred} when their values are.
 *
 * <p>Threads: any. The first reader computes under this object's monitor; later reads are one volatile read. The
 * computation must not hold anything of earlier ticks' deferred values, so pending ones never form a chain.
 *
 * @param <T> the value's type
 */
public final class Deferred<T> {
    private volatile T value;
    // Guarded by this; null once computed, so the tick's inputs are released.
    private Supplier<? extends T> computation;

    private Deferred(T value, Supplier<? extends T> computation) {
        this.value = value;
        this.computation = computation;
    }

    /** A value known already. */
    public static <T> Deferred<T> of(T value) {
        return new Deferred<>(Objects.requireNonNull(value, "value"), null);
    }

    /** A value {@code computation} gives (never {@code null}, never throwing) when first read. */
    static <T> Deferred<T> computing(Supplier<? extends T> computation) {
        return new Deferred<>(null, Objects.requireNonNull(computation, "computation"));
    }

    /** The value, computing it now if nobody has yet. */
    public T get() {
        T known = value;
        return known != null ? known : compute();
    }

    /** Whether the value is known (reading it will not compute anything). */
    public boolean isComputed() {
        return value != null;
    }

    private synchronized T compute() {
        if (value == null) {
            value = Objects.requireNonNull(computation.get(), "deferred value");
            computation = null;
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof Deferred<?> that && get().equals(that.get());
    }

    @Override
    public int hashCode() {
        return get().hashCode();
    }

    @Override
    public String toString() {
        return String.valueOf(get());
    }
}
