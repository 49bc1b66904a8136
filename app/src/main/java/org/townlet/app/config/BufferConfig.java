package org.townlet.app.config;

import org.townlet.telemetry.core.worker.WorkerSettings;

/**
 * {@code telemetry.transport.buffer} (SPEC §15.1).
 *
 * @param maxBatchSize       {@code max_batch_size}: frames per batch, 1–500
 * @param maxBufferBytes     {@code max_buffer_bytes}: byte capacity of the buffer, 1024–16777216
 * @param maxBufferFrames    {@code max_buffer_frames}: item capacity of the buffer, 1–1000000
 * @param flushIntervalTicks {@code flush_interval_ticks}: flush after this many ticks, 1–10000
 */
public record BufferConfig(int maxBatchSize, long maxBufferBytes, int maxBufferFrames, long flushIntervalTicks) {
    public static final int MAX_BATCH_SIZE = 500;
    public static final long MIN_BUFFER_BYTES = 1024;
    public static final long MAX_BUFFER_BYTES = 16_777_216;
    public static final int MAX_BUFFER_FRAMES = 1_000_000;
    public static final long MAX_FLUSH_INTERVAL_TICKS = 10_000;
    public static final BufferConfig DEFAULTS = new BufferConfig(WorkerSettings.DEFAULT_MAX_BATCH_SIZE,
            WorkerSettings.DEFAULT_MAX_BUFFER_BYTES, WorkerSettings.DEFAULT_MAX_BUFFER_FRAMES,
            WorkerSettings.DEFAULT_FLUSH_INTERVAL_TICKS);

    public BufferConfig {
        Bounds.check("max_batch_size", maxBatchSize, 1, MAX_BATCH_SIZE);
        Bounds.check("max_buffer_bytes", maxBufferBytes, MIN_BUFFER_BYTES, MAX_BUFFER_BYTES);
        Bounds.check("max_buffer_frames", maxBufferFrames, 1, MAX_BUFFER_FRAMES);
        Bounds.check("flush_interval_ticks", flushIntervalTicks, 1, MAX_FLUSH_INTERVAL_TICKS);
    }
}
