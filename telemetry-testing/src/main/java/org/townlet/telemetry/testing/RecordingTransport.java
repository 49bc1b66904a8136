package org.townlet.telemetry.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;

/**
 * An in-memory {@link Transport} for tests: records every batch it accepts, counts lifecycle calls, and fails, blocks
 * or crashes on demand.
 *
 * <p>A send runs these steps in order:
 * <ol>
 *   <li>counts the attempt ({@link #sendAttempts()});</li>
 *   <li>if {@link #blockSends()} is in force, signals {@link #awaitSendBlocked} and waits until
 *       {@link #releaseSends()} or {@link #close()}; an interrupt or a close ends the wait with a
 *       {@link TransportException} (the interrupt flag is restored), as closing a real socket would;</li>
 *   <li>if a crash is pending ({@link #crashNextSends}), throws {@code RuntimeException("Injected transport
 *       crash")};</li>
 *   <li>if a failure is pending ({@link #failNextSends}), throws {@code TransportException} with the configured
 *       message;</li>
 *   <li>otherwise records the batch and the sending thread's name, wakes {@link #awaitFrames} and returns
 *       {@link SendReport#NEW_CONNECTION} if one was requested ({@link #reportNewConnectionOnNextSends}), else
 *       {@link SendReport#SAME_CONNECTION}.</li>
 * </ol>
 *
 * <p>Thread-safe: the pipeline calls it under its send lock, tests read and configure it from their own thread.
 * Recorded values are returned as immutable copies.
 */
public final class RecordingTransport implements Transport {
    /** The message of an injected send failure unless another is given. */
    public static final String DEFAULT_FAILURE_MESSAGE = "Injected send failure";
    /** The message of an injected crash. */
    public static final String CRASH_MESSAGE = "Injected transport crash";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition recorded = lock.newCondition();
    private final List<FrameBatch> batches = new ArrayList<>();
    private final List<String> sendThreads = new ArrayList<>();
    private int frameCount;

    private final AtomicInteger starts = new AtomicInteger();
    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failuresPending = new AtomicInteger();
    private final AtomicInteger crashesPending = new AtomicInteger();
    private final AtomicInteger newConnectionsPending = new AtomicInteger();
    private volatile String failureMessage = DEFAULT_FAILURE_MESSAGE;
    private volatile long pendingBytes;
    private volatile boolean closed;

    /** Non-null while sends are held; counted down to release them. */
    private volatile CountDownLatch gate;
    /** Counted down when a send starts waiting at the gate. */
    private volatile CountDownLatch blockedSignal = new CountDownLatch(1);

    /** A transport that accepts everything. */
    public RecordingTransport() {
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public void start() {
        starts.incrementAndGet();
    }

    @Override
    public SendReport send(FrameBatch batch) throws TransportException {
        attempts.incrementAndGet();
        CountDownLatch held = gate;
        if (held != null) {
            blockedSignal.countDown();
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("Recording transport send interrupted while blocked", e);
            }
            if (closed) {
                throw new TransportException("Recording transport closed while a send was blocked");
            }
        }
        if (takeOne(crashesPending)) {
            throw new RuntimeException(CRASH_MESSAGE);
        }
        if (takeOne(failuresPending)) {
            throw new TransportException(failureMessage);
        }
        boolean newConnection = takeOne(newConnectionsPending);
        lock.lock();
        try {
            batches.add(batch);
            sendThreads.add(Thread.currentThread().getName());
            frameCount += batch.size();
            recorded.signalAll();
        } finally {
            lock.unlock();
        }
        return newConnection ? SendReport.NEW_CONNECTION : SendReport.SAME_CONNECTION;
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }

    /** Counts the call and releases any blocked send (which then fails, as on a closed socket). */
    @Override
    public void close() {
        closes.incrementAndGet();
        closed = true;
        CountDownLatch held = gate;
        if (held != null) {
            held.countDown();
        }
    }

    @Override
    public long pendingBytes() {
        return pendingBytes;
    }

    // ---------------------------------------------------------------- behaviour on demand

    /** The next {@code n} sends (after any crash) throw a {@link TransportException} with the default message. */
    public RecordingTransport failNextSends(int n) {
        return failNextSends(n, DEFAULT_FAILURE_MESSAGE);
    }

    /** The next {@code n} sends (after any crash) throw a {@link TransportException} with {@code message}. */
    public RecordingTransport failNextSends(int n, String message) {
        requireNonNegative(n);
        failureMessage = Objects.requireNonNull(message, "message");
        failuresPending.set(n);
        return this;
    }

    /** The next {@code n} sends throw {@code RuntimeException("Injected transport crash")}: a worker crash. */
    public RecordingTransport crashNextSends(int n) {
        requireNonNegative(n);
        crashesPending.set(n);
        return this;
    }

    /** The next {@code n} successful sends report a new connection (a reconnect or rotation). */
    public RecordingTransport reportNewConnectionOnNextSends(int n) {
        requireNonNegative(n);
        newConnectionsPending.set(n);
        return this;
    }

    /** Sets what {@link #pendingBytes()} reports (the replay window of an acknowledging transport). */
    public RecordingTransport pendingBytes(long bytes) {
        pendingBytes = bytes;
        return this;
    }

    /**
     * Holds every send (current and later) until {@link #releaseSends()} or {@link #close()}. Calling it while
     * sends are already held changes nothing.
     */
    public synchronized RecordingTransport blockSends() {
        if (gate == null) {
            blockedSignal = new CountDownLatch(1);
            gate = new CountDownLatch(1);
        }
        return this;
    }

    /** Lets held sends continue and stops holding new ones. */
    public synchronized RecordingTransport releaseSends() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
        return this;
    }

    /**
     * Waits until a send is held by {@link #blockSends()}.
     *
     * @return false if none was held within {@code timeout}
     */
    public boolean awaitSendBlocked(Duration timeout) throws InterruptedException {
        return blockedSignal.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    // ---------------------------------------------------------------- what was recorded

    /** The recorded batches, in the order they were sent. */
    public List<FrameBatch> batches() {
        lock.lock();
        try {
            return List.copyOf(batches);
        } finally {
            lock.unlock();
        }
    }

    /** Every recorded frame, in order. */
    public List<EncodedFrame> frames() {
        lock.lock();
        try {
            List<EncodedFrame> frames = new ArrayList<>(frameCount);
            for (FrameBatch batch : batches) {
                frames.addAll(batch.frames());
            }
            return List.copyOf(frames);
        } finally {
            lock.unlock();
        }
    }

    /** Every recorded frame as UTF-8 text without its trailing {@code \n}, in order. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (EncodedFrame frame : frames()) {
            byte[] bytes = frame.bytes();
            lines.add(new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8));
        }
        return List.copyOf(lines);
    }

    /** The recorded frames' {@code seq} values, in order. */
    public List<Long> seqs() {
        return frames().stream().map(EncodedFrame::seq).toList();
    }

    /** The name of the thread that made each recorded batch's send, in order. */
    public List<String> sendThreads() {
        lock.lock();
        try {
            return List.copyOf(sendThreads);
        } finally {
            lock.unlock();
        }
    }

    /** How many frames were recorded. */
    public int frameCount() {
        lock.lock();
        try {
            return frameCount;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code n} frames are recorded and returns all recorded frames.
     *
     * @throws AssertionError if fewer arrived within {@code timeout}, or the wait was interrupted
     */
    public List<EncodedFrame> awaitFrames(int n, Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (frameCount < n) {
                if (remaining <= 0) {
                    throw new AssertionError("Expected at least " + n + " frames within " + timeout + "; got "
                            + frameCount);
                }
                remaining = recorded.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + n + " frames", e);
        } finally {
            lock.unlock();
        }
        return frames();
    }

    /** Forgets the recorded batches (counters and pending behaviour stay). */
    public void clearRecorded() {
        lock.lock();
        try {
            batches.clear();
            sendThreads.clear();
            frameCount = 0;
        } finally {
            lock.unlock();
        }
    }

    /** How many times {@link #start()} was called. */
    public int startCount() {
        return starts.get();
    }

    /** How many times {@link #flush()} was called. */
    public int flushCount() {
        return flushes.get();
    }

    /** How many times {@link #close()} was called. */
    public int closeCount() {
        return closes.get();
    }

    /** How many times {@link #send} was called, whatever its outcome. */
    public int sendAttempts() {
        return attempts.get();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private static boolean takeOne(AtomicInteger pending) {
        return pending.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0;
    }

    private static void requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0; got " + n);
        }
    }
}
