package org.townlet.telemetry.core.consume;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a byte stream into {@code \n}-terminated lines without decoding it. A line longer than the limit is skipped
 * to its {@code \n} without being buffered whole, and reported as {@link Line.Oversize} with its length; so a
 * receiver's memory stays bounded by the limit whatever a peer sends. A last line without {@code \n} at the end of the
 * stream is returned as a line too.
 *
 * <p>Not thread-safe: one reader per stream, used by one thread.
 */
public final class LineReader {
    /** Bytes read from the stream per call. */
    static final int CHUNK_BYTES = 64 * 1024;
    /** The largest line limit: a line is held in one array. */
    public static final long MAX_LINE_BYTES_LIMIT = Integer.MAX_VALUE - 8;

    private final InputStream in;
    private final long maxLineBytes;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    /** Next unread byte of {@link #chunk}. */
    private int position;
    /** End of the valid bytes of {@link #chunk}. */
    private int limit;
    /** Bytes of {@link #chunk} from {@link #position} up to here hold no {@code \n}. */
    private int scanned;
    /** The start of a line that spans reads; grows up to the limit. */
    private byte[] partial = new byte[0];
    private int partialLength;
    /** The current line exceeded the limit: its bytes are being skipped; its length so far. */
    private boolean skipping;
    private long skippedLength;
    private boolean endOfStream;

    /**
     * @param in           the stream; read in chunks, never closed by this reader
     * @param maxLineBytes the longest line returned whole, without its {@code \n}; 1 to
     *                     {@value #MAX_LINE_BYTES_LIMIT}
     */
    public LineReader(InputStream in, long maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxLineBytes < 1 || maxLineBytes > MAX_LINE_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxLineBytes must be between 1 and " + MAX_LINE_BYTES_LIMIT + "; got "
                    + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** One line read from the stream: {@link Complete} or {@link Oversize}. */
    public sealed interface Line permits Line.Complete, Line.Oversize {
        /** The line's length in bytes, without its {@code \n}. */
        long length();

        /**
         * A line within the limit.
         *
         * @param bytes the line's bytes without its {@code \n} (a copy owned by the caller)
         */
        record Complete(byte[] bytes) implements Line {
            public Complete {
                Objects.requireNonNull(bytes, "bytes");
            }

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Complete that && Arrays.equals(bytes, that.bytes);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(bytes);
            }

            @Override
            public String toString() {
                return "Complete[" + bytes.length + " bytes]";
            }
        }

        /**
         * A line longer than the limit, skipped.
         *
         * @param length its length in bytes, without its {@code \n}
         */
        record Oversize(long length) implements Line {
        }
    }

    /**
     * The next line, blocking until it is complete; {@code null} at the end of the stream.
     *
     * @throws IOException from the stream
     */
    public Line next() throws IOException {
        while (true) {
            int newline = newlineIndex();
            if (newline >= 0) {
                Line line = take(newline);
                position = newline + 1;
                scanned = position;
                return line;
            }
            // No newline buffered: keep what is there and read more.
            keep(position, limit);
            position = 0;
            limit = 0;
            scanned = 0;
            if (endOfStream || !fill()) {
                endOfStream = true;
                if (skipping) {
                    return finishOversize();
                }
                if (partialLength > 0) {
                    byte[] last = Arrays.copyOf(partial, partialLength);
                    partialLength = 0;
                    return new Line.Complete(last);
                }
                return null;
            }
        }
    }

    /**
     * Whether a complete line is already buffered, so {@link #next()} returns without reading from the stream. A
     * receiver uses it to flush and acknowledge what it handled before it blocks on the next read.
     */
    public boolean lineBuffered() {
        return newlineIndex() >= 0;
    }

    /** Index of the next {@code \n} in the chunk at or after {@link #position}, or -1; remembers how far it looked. */
    private int newlineIndex() {
        for (int i = scanned; i < limit; i++) {
            if (chunk[i] == '\n') {
                scanned = i;
                return i;
            }
        }
        scanned = limit;
        return -1;
    }

    /** The line ending at {@code newline} (exclusive), joined with any partial start of it. */
    private Line take(int newline) {
        int length = newline - position;
        if (skipping) {
            skippedLength += length;
            return finishOversize();
        }
        if ((long) partialLength + length > maxLineBytes) {
            Line oversize = new Line.Oversize((long) partialLength + length);
            partialLength = 0;
            return oversize;
        }
        byte[] line = new byte[partialLength + length];
        System.arraycopy(partial, 0, line, 0, partialLength);
        System.arraycopy(chunk, position, line, partialLength, length);
        partialLength = 0;
        return new Line.Complete(line);
    }

    /** Keeps {@code chunk[from, to)} as the start of a line that continues in the next read, or skips it. */
    private void keep(int from, int to) {
        int length = to - from;
        if (length == 0) {
            return;
        }
        if (skipping) {
            skippedLength += length;
            return;
        }
        if ((long) partialLength + length > maxLineBytes) {
            skipping = true;
            skippedLength = (long) partialLength + length;
            partialLength = 0;
            partial = new byte[0];
            return;
        }
        if (partial.length < partialLength + length) {
            int grown = (int) Math.min(maxLineBytes, Math.max((long) partial.length * 2, partialLength + length));
            partial = Arrays.copyOf(partial, Math.max(grown, partialLength + length));
        }
        System.arraycopy(chunk, from, partial, partialLength, length);
        partialLength += length;
    }

    private Line finishOversize() {
        Line line = new Line.Oversize(skippedLength);
        skipping = false;
        skippedLength = 0;
        return line;
    }

    /** Reads the next chunk; false at the end of the stream. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(chunk, 0, chunk.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }
}
