package org.townlet.telemetry.core.worker;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportCallbacks;
import org.townlet.telemetry.api.transport.TransportException;

/**
 * A transport with acknowledged delivery as SPEC §12.3.1 describes it, without a network: a replay window of written
 * frames, acknowledgements reported through the callbacks (by the test, or automatically), a write that can fail
 * (reported through {@code failed}, {@code send} returning normally), and a connection that, once broken, is opened
 * again by the next send or flush, which first resends the window. Thread-safe.
 */
final class AckingTransport implements Transport {
    private final TransportCallbacks callbacks;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<EncodedFrame> window = new ArrayDeque<>();
    private long windowBytes;
    private boolean connected = true;
    /** Every frame written, resends included, in order. */
    private final List<EncodedFrame> written = new CopyOnWriteArrayList<>();
    private final AtomicInteger flushes = new AtomicInteger();
    private volatile boolean ackEveryWrite;
    private volatile boolean ackOnFlush;
    private volatile boolean failNextWrite;
    private volatile boolean refuseConnects;
    private volatile boolean ackWhenFlushInterrupted;

    AckingTransport(TransportCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    /** Acknowledge every frame as soon as it is written. */
    AckingTransport ackingEveryWrite() {
        ackEveryWrite = true;
        return this;
    }

    /** Acknowledge the whole window when flushed (a receiver that answers only when asked). */
    AckingTransport ackingOnFlush() {
        ackOnFlush = true;
        return this;
    }

    /**
     * A flush waits until interrupted (as by the stop deadline); then the receiver acknowledges the whole window, from
     * another thread: acknowledgements that arrive just after the deadline.
     */
    AckingTransport ackingWhenFlushIsInterrupted() {
        ackWhenFlushInterrupted = true;
        return this;
    }

    /** The next write fails: the connection breaks, the frames stay in the window. */
    void failNextWrite() {
        failNextWrite = true;
    }

    /** Connects fail (send and flush throw) until {@link #acceptConnects()}. */
    void refuseConnects() {
        refuseConnects = true;
    }

    void acceptConnects() {
        refuseConnects = false;
    }

    @Override
    public void start() {
    }

    @Override
    public SendReport send(FrameBatch batch) throws TransportException {
        boolean reconnected = reconnectIfNeeded();
        lock.lock();
        try {
            window.addAll(batch.frames());
            windowBytes += batch.totalBytes();
        } finally {
            lock.unlock();
        }
        if (failNextWrite) {
            failNextWrite = false;
            lock.lock();
            try {
                connected = false;
            } finally {
                lock.unlock();
            }
            callbacks.failed("write failed: connection reset");
            return reconnected ? SendReport.NEW_CONNECTION : SendReport.SAME_CONNECTION;
        }
        written.addAll(batch.frames());
        if (ackEveryWrite) {
            ackUpTo(batch.last().seq());
        }
        return reconnected ? SendReport.NEW_CONNECTION : SendReport.SAME_CONNECTION;
    }

    private boolean reconnectIfNeeded() throws TransportException {
        lock.lock();
        try {
            if (connected) {
                return false;
            }
            if (refuseConnects) {
                throw new TransportException("Failed to connect to telemetry endpoint test: refused");
            }
            connected = true;
            written.addAll(window); // the replay, in seq order
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws TransportException {
        flushes.incrementAndGet();
        if (pendingBytes() == 0) {
            return;
        }
        reconnectIfNeeded();
        if (ackWhenFlushInterrupted) {
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                EncodedFrame last = lastInWindow();
                if (last != null) {
                    Thread receiver = new Thread(() -> ackUpTo(last.seq()), "test-late-acknowledgement");
                    receiver.setDaemon(true);
                    receiver.start();
                }
            }
            return;
        }
        if (ackOnFlush || ackEveryWrite) {
            EncodedFrame last;
            lock.lock();
            try {
                last = window.peekLast();
            } finally {
                lock.unlock();
            }
            if (last != null) {
                ackUpTo(last.seq());
            }
        }
    }

    private EncodedFrame lastInWindow() {
        lock.lock();
        try {
            return window.peekLast();
        } finally {
            lock.unlock();
        }
    }

    /** The receiver acknowledges every frame up to {@code seq}: reported first, then the window shrinks. */
    void ackUpTo(long seq) {
        lock.lock();
        try {
            long frames = 0;
            long bytes = 0;
            for (EncodedFrame frame : window) {
                if (frame.seq() > seq) {
                    break;
                }
                frames++;
                bytes += frame.size();
            }
            if (frames == 0) {
                return;
            }
            callbacks.acknowledged(seq, frames, bytes);
            for (long i = 0; i < frames; i++) {
                window.removeFirst();
            }
            windowBytes -= bytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long pendingBytes() {
        lock.lock();
        try {
            return windowBytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
    }

    List<EncodedFrame> written() {
        return List.copyOf(written);
    }

    List<Long> writtenSeqs() {
        return written.stream().map(EncodedFrame::seq).toList();
    }

    int flushes() {
        return flushes.get();
    }
}
