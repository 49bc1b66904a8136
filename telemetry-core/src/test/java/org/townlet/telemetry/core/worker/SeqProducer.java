package org.townlet.telemetry.core.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameKind;

/**
 * A trivial {@link FrameProducer} for worker tests: encodes item {@code n} as {@code {"seq":n}\n}, a snapshot when a
 * keyframe is due (the first frame, or after {@link #requestKeyframe()}), a diff otherwise. Can drop (as a transform
 * would) or crash on chosen {@code seq} values. Thread-safe enough for the worker's contract (one caller at a time)
 * and for reads from the test thread.
 */
final class SeqProducer implements FrameProducer<TestItem> {
    private final Set<Long> dropSeqs = ConcurrentHashMap.newKeySet();
    private final Set<Long> crashSeqs = ConcurrentHashMap.newKeySet();
    private final List<String> encodeThreads = new CopyOnWriteArrayList<>();
    private final List<Boolean> encodedOnWorkerThread = new CopyOnWriteArrayList<>();
    private final AtomicInteger keyframeRequests = new AtomicInteger();
    private volatile boolean keyframeDue = true;

    /** The bytes of item {@code seq}'s frame. */
    static byte[] bytesOf(long seq) {
        return ("{\"seq\":" + seq + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A transform drops the frame of {@code seq} (encode returns empty). */
    SeqProducer dropping(long seq) {
        dropSeqs.add(seq);
        return this;
    }

    /** Encoding {@code seq} throws {@code RuntimeException("encode boom")} (once). */
    SeqProducer crashingOn(long seq) {
        crashSeqs.add(seq);
        return this;
    }

    @Override
    public Optional<EncodedFrame> encode(TestItem item) {
        encodeThreads.add(Thread.currentThread().getName());
        encodedOnWorkerThread.add(TelemetryWorker.onWorkerThread());
        if (crashSeqs.remove(item.seq())) {
            throw new RuntimeException("encode boom");
        }
        if (dropSeqs.contains(item.seq())) {
            return Optional.empty();
        }
        FrameKind kind = keyframeDue ? FrameKind.SNAPSHOT : FrameKind.DIFF;
        keyframeDue = false;
        return Optional.of(new EncodedFrame(item.seq(), item.tick(), kind, bytesOf(item.seq())));
    }

    /** Per encode call, in order: whether {@link TelemetryWorker#onWorkerThread()} said the caller was the worker. */
    List<Boolean> encodedOnWorkerThread() {
        return List.copyOf(encodedOnWorkerThread);
    }

    @Override
    public void requestKeyframe() {
        keyframeRequests.incrementAndGet();
        keyframeDue = true;
    }

    /** How many times a keyframe was requested. */
    int keyframeRequests() {
        return keyframeRequests.get();
    }

    /** The threads that called {@link #encode}, in order. */
    List<String> encodeThreads() {
        return List.copyOf(encodeThreads);
    }
}
