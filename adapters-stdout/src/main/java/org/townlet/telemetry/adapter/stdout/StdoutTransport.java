package org.townlet.telemetry.adapter.stdout;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Supplier;
import org.townlet.telemetry.api.transport.EncodedFrame;
import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportException;

/**
 * Writes each batch's frames to stdout in order through a {@value #BUFFER_SIZE}-byte buffer, then flushes: small
 * frames leave together in one system call, and a frame larger than the buffer is written from its own array rather
 * than from a batch-sized copy. The stream is created in {@link #start()}, not in the constructor, and
 * {@link #close()} flushes it without closing the underlying descriptor: fd 1 belongs to the process, and closing it
 * would break anything that prints a summary after the pipeline stops.
 *
 * <p>Threads: called only under the pipeline's send lock, so the fields need no further synchronisation. There is
 * only ever one connection, so every report is {@link SendReport#SAME_CONNECTION}.
 */
final class StdoutTransport implements Transport {
    /** Frames smaller than this are gathered into one system call; larger ones are written from their own array. */
    static final int BUFFER_SIZE = 64 * 1024;

    private final Supplier<OutputStream> target;
    /** The unbuffered destination (fd 1 in production); never closed here. */
    private OutputStream destination;
    private BufferedOutputStream out;
    private boolean closed;

    StdoutTransport(Supplier<OutputStream> target) {
        this.target = target;
    }

    @Override
    public void start() {
        if (destination == null && !closed) {
            destination = target.get();
            out = new BufferedOutputStream(destination, BUFFER_SIZE);
        }
    }

    @Override
    public SendReport send(FrameBatch batch) throws TransportException {
        BufferedOutputStream stream = openStream();
        try {
            for (EncodedFrame frame : batch.frames()) {
                stream.write(frame.bytes());
            }
            stream.flush();
        } catch (IOException e) {
            // A failed flush leaves the batch in the buffer; drop it, or the worker's retry would write it twice.
            out = new BufferedOutputStream(destination, BUFFER_SIZE);
            throw new TransportException("Failed to write telemetry to stdout: " + e.getMessage(), e);
        }
        return SendReport.SAME_CONNECTION;
    }

    @Override
    public void flush() throws TransportException {
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new TransportException("Failed to flush telemetry to stdout: " + e.getMessage(), e);
        }
    }

    /** Flushes what is buffered; never closes fd 1. Idempotent. */
    @Override
    public void close() throws TransportException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            out = null;
            destination = null;
        }
    }

    private BufferedOutputStream openStream() throws TransportException {
        if (closed) {
            throw new TransportException("Telemetry stdout transport is closed");
        }
        if (out == null) {
            throw new IllegalStateException("stdout transport used before start()");
        }
        return out;
    }

}
