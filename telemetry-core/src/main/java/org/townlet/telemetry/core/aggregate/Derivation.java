package org.townlet.telemetry.core.aggregate;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The {@link DerivedModels} of one {@code loop.tick}, computed when first read rather than on the simulation thread
 * (SPEC §2: ingestion there is reference swaps; the publisher's deriver thread is normally the first reader).
 *
 * <p>A pending derivation holds the tick's inputs and the previous tick's derivation; reading it computes every
 * pending derivation back to the last computed one, oldest first, so derived state (histories, the narration
 * limiter) advances in tick order exactly as eager ingestion would, whichever thread reads and whichever frames are
 * dropped. Once computed, the inputs and the link to the previous tick are released.
 *
 * <p>Threads: the value is published through a volatile field, so reading a computed derivation never locks. Computing
 * happens under the store's derivation lock, which also guards the narration engine; the inputs and the previous link
 * are only touched under it.
 */
public final class Derivation {
    /** Computes one tick's derived models; implemented by the {@link ReadModelStore}. */
    interface Deriver {
        /** The lock every computation holds. */
        Object lock();

        /** The derived models of {@code inputs}' tick after {@code previous}; never throws. Lock held. */
        DerivedModels derive(TickInputs inputs, DerivedModels previous);
    }

    /** The empty derived models, computed. */
    static final Derivation EMPTY = computed(DerivedModels.EMPTY);

    private final Deriver deriver;
    private final int pendingDepth;
    // Guarded by deriver.lock(); null once computed.
    private TickInputs inputs;
    private Derivation previous;
    private volatile DerivedModels value;

    private Derivation(Deriver deriver, TickInputs inputs, Derivation previous, int pendingDepth,
            DerivedModels value) {
        this.deriver = deriver;
        this.inputs = inputs;
        this.previous = previous;
        this.pendingDepth = pendingDepth;
        this.value = value;
    }

    /** A derivation whose value is known already. */
    static Derivation computed(DerivedModels value) {
        return new Derivation(null, null, null, 0, Objects.requireNonNull(value, "value"));
    }

    /** The derivation of {@code inputs}' tick, to be computed after {@code previous} when first read. */
    static Derivation pending(Deriver deriver, TickInputs inputs, Derivation previous) {
        Objects.requireNonNull(previous, "previous");
        // A racy read of previous.value only overestimates the depth, which is harmless (see ReadModelStore).
        int depth = previous.value == null ? previous.pendingDepth + 1 : 1;
        return new Derivation(Objects.requireNonNull(deriver, "deriver"), Objects.requireNonNull(inputs, "inputs"),
                previous, depth, null);
    }

    /** The derived models, computing them (and any pending predecessors) now if nobody has yet. Any thread. */
    public DerivedModels get() {
        DerivedModels known = value;
        return known != null ? known : force();
    }

    /** Whether the value is known (reading it will not compute anything). */
    public boolean isComputed() {
        return value != null;
    }

    /** How many derivations, this one included, were pending when this one was created; 0 when computed then. */
    int pendingDepth() {
        return pendingDepth;
    }

    private DerivedModels force() {
        computeOldest(Integer.MAX_VALUE);
        return value;
    }

    /**
     * Computes at most {@code count} of the pending derivations up to this one, oldest first (all of them when
     * {@code count} is large enough). Lets an ingesting thread catch up a little per tick instead of all at once.
     */
    void computeOldest(int count) {
        synchronized (deriver.lock()) {
            if (value != null) {
                return;
            }
            ArrayDeque<Derivation> chain = new ArrayDeque<>();
            Derivation cursor = this;
            while (cursor.value == null) {
                chain.push(cursor);
                cursor = cursor.previous;
            }
            DerivedModels before = cursor.value;
            for (int computed = 0; computed < count && !chain.isEmpty(); computed++) {
                Derivation next = chain.pop();
                DerivedModels derived = next.deriver.derive(next.inputs, before);
                next.inputs = null;
                next.previous = null;
                next.value = derived;
                before = derived;
            }
        }
    }
}
