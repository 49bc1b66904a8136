package org.townlet.telemetry.adapter.file;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;

/**
 * Appends each batch to one file, in one gathering write per batch as far as the OS takes it (SPEC §12.2). The file
 * is opened once, in append mode, by {@link #start()}; parent directories are created then.
 *
 * <p>Rotation (when {@code rotateMaxBytes > 0}): before a batch that would make the current file larger than
 * {@code rotateMaxBytes}, the oldest kept file {@code path.N} ({@code N = rotateKeep}) is deleted,
 * {@code path.n} becomes {@code path.(n+1)}, {@code path} becomes {@code path.1} and a new {@code path} is opened;
 * that batch is reported as {@link SendReport#NEW_CONNECTION} so the worker makes the next frame a keyframe. An empty
 * file is never rotated, so a batch larger than the limit is written whole into a fresh file.
 *
 * <p>Threads: called only under the pipeline's send lock, so the fields need no further synchronisation.
 */
final class FileTransport implements Transport {
    private final Path path;
    private final long rotateMaxBytes;
    private final int rotateKeep;
    private final boolean fsync;
    private final System.Logger logger;

    /** The open file; null before start, after close, and after a rotation that could not reopen the file. */
    private FileChannel channel;
    /** Bytes in the current file: its size when opened plus what this transport appended. */
    private long size;
    private boolean started;
    private boolean closed;

    FileTransport(Path path, long rotateMaxBytes, int rotateKeep, boolean fsync, System.Logger logger) {
        this.path = path;
        this.rotateMaxBytes = rotateMaxBytes;
        this.rotateKeep = rotateKeep;
        this.fsync = fsync;
        this.logger = logger;
    }

    /** Creates the parent directories and opens the file for appending. */
    @Override
    public void start() throws TransportException {
        if (closed) {
            throw new TransportException("Telemetry file " + path + " is closed");
        }
        if (started) {
            return;
        }
        started = true;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            open();
        } catch (IOException e) {
            throw new TransportException("Failed to open telemetry file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SendReport send(FrameBatch batch) throws TransportException {
        if (closed) {
            throw new TransportException("Telemetry file " + path + " is closed");
        }
        if (!started) {
            throw new IllegalStateException("file transport used before start()");
        }
        // Gathering writes of the frames' own arrays rather than a concatenated copy of the batch (~2 MB for a full
        // batch of diffs, which G1 allocates as humongous).
        List<EncodedFrame> frames = batch.frames();
        ByteBuffer[] buffers = new ByteBuffer[frames.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(frames.get(i).bytes());
        }
        long length = batch.totalBytes();
        try {
            if (channel == null) {
                // start() or an earlier rotation failed to open the file: try again, so the worker's retry can heal
                open();
            }
            boolean rotated = false;
            if (rotateMaxBytes > 0 && size > 0 && size + length > rotateMaxBytes) {
                rotate();
                rotated = true;
            }
            long written = 0;
            while (written < length) {
                written += channel.write(buffers);
            }
            size += length;
            if (fsync) {
                channel.force(false);
            }
            return rotated ? SendReport.NEW_CONNECTION : SendReport.SAME_CONNECTION;
        } catch (IOException e) {
            throw new TransportException("Failed to write telemetry file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Nothing is held in memory: every batch is handed to the operating system when sent. */
    @Override
    public void flush() {
    }

    /** Closes the file. Idempotent. */
    @Override
    public void close() throws TransportException {
        if (closed) {
            return;
        }
        closed = true;
        FileChannel current = channel;
        channel = null;
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (IOException e) {
            throw new TransportException("Failed to close telemetry file " + path + ": " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.APPEND, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        size = channel.size();
    }

    /**
     * Shifts the kept files by one, moves the current file to {@code path.1} and opens a new one. If a step fails, the
     * channel stays null and the next send reopens {@code path} (appending to whatever file is there).
     */
    private void rotate() throws IOException {
        FileChannel current = channel;
        channel = null;
        current.close();
        Files.deleteIfExists(rotated(rotateKeep));
        for (int n = rotateKeep - 1; n >= 1; n--) {
            Path from = rotated(n);
            if (Files.exists(from)) {
                Files.move(from, rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        open();
        logger.log(Level.INFO, "Rotated telemetry file {0}; keeping at most {1} older files", path, rotateKeep);
    }

    private Path rotated(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

}
