package org.townlet.telemetry.core.worker;

/**
 * What happened to an offered item (SPEC §11.1). The caller must handle it; the counters already reflect it (for a
 * {@link Queued} item, they will once it is moved into the buffer).
 */
public sealed interface OfferOutcome {
    /** Buffered; nothing dropped. */
    record Accepted() implements OfferOutcome {
    }

    /**
     * Buffered after dropping {@code dropped} older items ({@code drop_oldest}, or {@code block} while the transport is
     * failing, when it does not wait).
     */
    record AcceptedAfterDrop(int dropped) implements OfferOutcome {
    }

    /** The producer waited {@code nanos} for space, then the item was buffered ({@code block}). */
    record BlockedThenAccepted(long nanos) implements OfferOutcome {
    }

    /** The producer waited {@code nanos}, then {@code dropped} oldest items were dropped ({@code block}). */
    record BlockedThenDropped(int dropped, long nanos) implements OfferOutcome {
    }

    /** {@code sent} overflow items were sent on the caller's thread ({@code fan_out}). */
    record FannedOut(int sent) implements OfferOutcome {
    }

    /**
     * Queued for the worker without waiting for the buffer ({@code drop_oldest} after start): the item is charged its
     * size, and the strategy applied and counted, when it is moved into the buffer, moments later.
     */
    record Queued() implements OfferOutcome {
    }

    /** The worker is down for good (restart budget spent) or stopped: the item was dropped and counted. */
    record RejectedWorkerDead() implements OfferOutcome {
    }

    /** The shared instance for the common case, so the hot path allocates nothing. */
    OfferOutcome ACCEPTED = new Accepted();

    /** The shared instance for a queued offer (it carries nothing). */
    OfferOutcome QUEUED = new Queued();

    /** The shared instance for offers after stop or with the worker down for good (it carries nothing). */
    OfferOutcome REJECTED_WORKER_DEAD = new RejectedWorkerDead();

    /** The shared instance of the usual single drop, so a producer that drops on every offer allocates nothing. */
    OfferOutcome ACCEPTED_AFTER_ONE_DROP = new AcceptedAfterDrop(1);

    /** Buffered after {@code dropped} older items were dropped: a shared instance for none and for one. */
    static OfferOutcome acceptedAfterDrops(int dropped) {
        return dropped == 0 ? ACCEPTED : dropped == 1 ? ACCEPTED_AFTER_ONE_DROP : new AcceptedAfterDrop(dropped);
    }
}
