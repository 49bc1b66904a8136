package org.townlet.telemetry.core.publish;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.townlet.telemetry.api.event.TelemetryEvent;
import org.townlet.telemetry.api.status.MetricValue;
import org.townlet.telemetry.api.status.TransportStatus;
import org.townlet.telemetry.core.aggregate.ReadModels;
import org.townlet.telemetry.core.encode.DocumentSlot;
import org.townlet.telemetry.core.encode.TickRecord;
import org.townlet.telemetry.core.worker.BoundCheck;
import org.townlet.telemetry.core.worker.BufferedItem;
import org.townlet.telemetry.core.worker.PaddedCount;

/**
 * What the simulation thread emitted and nobody has ingested yet, in order (SPEC §2, §20 P1): the simulation thread
 * appends (one allocation and one atomic swap per call, no lock, no copy of the read models), and whoever needs the
 * read models next ingests everything appended so far, oldest first: a read, the worker building a tick's frame, the
 * deriver thread, or the simulation thread itself when the log grows past a bound. So the models a reader sees are
 * exactly those of eager ingestion; only the thread that pays differs.
 *
 * <p>A {@link Completion} marks where a tick completed: it is also the item the worker buffers, and it learns its
 * read models when ingestion passes it (those models, as they stood at that point, are the frame's).
 *
 * <p>Threads: {@link #append} from any thread (a lock-free multi-producer list: the tail is swapped atomically, then
 * linked); {@link #ingestAll()} from any thread, serialised by its own lock, which is taken before the store's.
 */
final class IngestionLog {
    /**
     * More entries than this waiting make the appending thread ingest some itself (nobody reads: a stalled worker, or a
     * deriver thread kept off the cores). About 1,800 ticks of the default scenario (~9 entries a tick), ~35 ms of an
     * unpaced simulation: long enough that the deriver losing a time slice or two to the scheduler on a busy machine
     * does not hand its work to the simulation thread (4,096, ~8 ms, often did; PERFORMANCE.md change 49).
     */
    static final long MAX_PENDING = 16_384;
    /** How often (in appends, a power of two) the appending thread compares the backlog with the bound. */
    static final long BOUND_CHECK_EVERY = 64;
    /** How many entries the appending thread ingests when it finds the backlog over the bound. */
    static final long CATCH_UP_ENTRIES = 2 * BOUND_CHECK_EVERY;

    /** Applies one entry to the read models; never throws (the publisher counts and logs ingestion errors). */
    interface Ingester {
        void ingest(Entry entry);
    }

    /** One entry of the log. */
    abstract static sealed class Entry permits Event, Metric, Failure, Completion {
        /** Written once, with release semantics, by the appending thread; read with acquire by ingestion. */
        private Entry next;
    }

    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Entry.class, "next", Entry.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** An event to ingest ({@code emitEvent}). */
    static final class Event extends Entry {
        private final TelemetryEvent event;

        Event(TelemetryEvent event) {
            this.event = Objects.requireNonNull(event, "event");
        }

        TelemetryEvent event() {
            return event;
        }
    }

    /** A metric to record ({@code emitMetric}); its value (and tags) made on the emitting thread. */
    static final class Metric extends Entry {
        private final String name;
        private final MetricValue value;

        Metric(String name, MetricValue value) {
            this.name = Objects.requireNonNull(name, "name");
            this.value = Objects.requireNonNull(value, "value");
        }

        String name() {
            return name;
        }

        MetricValue value() {
            return value;
        }
    }

    /** A {@code loop.failure}, with the transport status as it was when it was emitted (SPEC §6.6). */
    static final class Failure extends Entry {
        private final TelemetryEvent event;
        private final TransportStatus transport;

        Failure(TelemetryEvent event, TransportStatus transport) {
            this.event = Objects.requireNonNull(event, "event");
            this.transport = Objects.requireNonNull(transport, "transport");
        }

        TelemetryEvent event() {
            return event;
        }

        TransportStatus transport() {
            return transport;
        }
    }

    /**
     * A tick completed (or a failure took its place) and got its {@code seq}: the frame's item in the worker's buffer.
     * Ingestion completes the tick (manual narrations join it) and records the models of that moment.
     */
    static final class Completion extends Entry implements BufferedItem {
        /** The {@code seq} of a completion that is not framed (the pipeline is stopping). */
        static final long NO_SEQ = -1;

        private final long seq;
        private final long tick;
        private final TickRecord.Kind kind;
        private volatile ReadModels models;
        /** Where the deriver thread leaves the frame's snapshot document when it builds it ahead. */
        private final DocumentSlot slot;

        /** @param buildsAhead whether a thread may build its document ahead (then it gets a slot for it) */
        Completion(long seq, long tick, TickRecord.Kind kind, boolean buildsAhead) {
            this.seq = seq;
            this.tick = tick;
            this.kind = Objects.requireNonNull(kind, "kind");
            this.slot = buildsAhead ? new DocumentSlot() : null;
        }

        @Override
        public long seq() {
            return seq;
        }

        @Override
        public long tick() {
            return tick;
        }

        TickRecord.Kind kind() {
            return kind;
        }

        /** The models of the tick's completion; {@code null} until ingestion has passed this entry. */
        ReadModels models() {
            return models;
        }

        void models(ReadModels models) {
            this.models = models;
        }

        /** Where a document built ahead is kept ({@code PublisherFrameProducer#prebuild}); {@code null} without one. */
        DocumentSlot slot() {
            return slot;
        }
    }

    private final Ingester ingester;
    private final AtomicReference<Entry> tail;
    private final ReentrantLock ingestLock = new ReentrantLock();
    // Written under ingestLock: the last entry ingested (a sentinel at first); volatile for hasPending().
    private volatile Entry head;
    // Entries appended and ingested; a hint for the bound only (appends from several threads may miscount it). The
    // appended count has cache lines of its own: the ingesting thread writes `head` and `ingested` here.
    private final PaddedCount appended = new PaddedCount();
    private volatile long ingested;

    IngestionLog(Ingester ingester) {
        this.ingester = Objects.requireNonNull(ingester, "ingester");
        Entry sentinel = new Completion(Completion.NO_SEQ, 0, TickRecord.Kind.TICK, false);
        this.head = sentinel;
        this.tail = new AtomicReference<>(sentinel);
    }

    /**
     * Appends {@code entry}; when too much waits, ingests some of it on this thread. Any thread; the simulation thread
     * in practice (the bound's count assumes one appending thread at a time).
     */
    void append(Entry entry) {
        Entry previous = tail.getAndSet(entry);
        NEXT.setRelease(previous, entry);
        // The bound is checked every BOUND_CHECK_EVERY appends: `ingested` is written by whichever thread ingests, so
        // reading it on every append would cost the appending thread a cache miss each time.
        long count = appended.increment();
        // At the first check regardless, so that the JIT sees the catch-up path taken (BoundCheck).
        if ((count & (BOUND_CHECK_EVERY - 1)) == 0
                && count - ingested > BoundCheck.limitAt(count, BOUND_CHECK_EVERY, MAX_PENDING)) {
            catchUp();
        }
    }

    /**
     * Over the bound: ingests the oldest {@link #CATCH_UP_ENTRIES} on the appending thread, or nothing when another
     * thread is ingesting right now (it is catching up already; waiting for its lock could mean waiting for a thread
     * that was descheduled holding it). Ingesting a part, not all, keeps what one append costs small: the thread that
     * fell behind does the rest when it runs again, and the backlog still shrinks, since each check ingests more
     * entries than were appended since the last.
     */
    private void catchUp() {
        if (!ingestLock.tryLock()) {
            return;
        }
        try {
            ingestLocked(CATCH_UP_ENTRIES);
        } finally {
            ingestLock.unlock();
        }
    }

    /**
     * Whether an entry waits (an append still linking may be missed; its own thread always sees it). May say yes when
     * another thread is ingesting at that moment; {@link #ingestAll()} then finds nothing to do.
     */
    boolean hasPending() {
        return NEXT.getAcquire(head) != null;
    }

    /**
     * Whether about {@code entries} or more wait (a hint for a thread that ingests ahead: it reads the appending
     * thread's count without synchronising with it, so the answer may be a little old).
     */
    boolean backlogAtLeast(long entries) {
        return appended.read() - ingested >= entries;
    }

    /** How many entries were ingested so far. */
    long ingestedCount() {
        return ingested;
    }

    /** Ingests every entry appended before this call (and any appended meanwhile), oldest first. Any thread. */
    void ingestAll() {
        ingestLock.lock();
        try {
            ingestLocked(Long.MAX_VALUE);
        } finally {
            ingestLock.unlock();
        }
    }

    /** Ingests at most {@code limit} entries, oldest first; {@link #ingestLock} held. */
    private void ingestLocked(long limit) {
        Entry cursor = head;
        Entry next = (Entry) NEXT.getAcquire(cursor);
        if (next == null) {
            return;
        }
        long count = 0;
        while (next != null && count < limit) {
            ingester.ingest(next);
            // Unlink what is behind: a consumed entry that reached the old generation would otherwise keep every
            // later entry alive through young collections (and with them each tick's events and models), and a
            // completion still in the worker's buffer would keep the rest of the log. A self-link, not null, so
            // hasPending() on a stale head still says "look" (as LinkedBlockingQueue does).
            NEXT.setRelease(cursor, cursor);
            cursor = next;
            count++;
            next = (Entry) NEXT.getAcquire(cursor);
        }
        head = cursor;
        ingested += count;
    }
}
