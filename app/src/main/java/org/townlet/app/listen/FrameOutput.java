package org.townlet.app.listen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where {@code townlet listen} writes frames, verbatim and newline-terminated: appended to the {@code --out} file,
 * printed to stdout ({@code --raw}), both, or nowhere. {@link #flush()} hands everything written to the operating
 * system, which is what a receiver must do before it acknowledges (SPEC §12.3.1). A failure is an
 * {@link UncheckedIOException} naming the destination: a local I/O error, which ends the listener (exit 1).
 *
 * <p>Threads: synchronized; written by the one connection that serves the producer.
 */
final class FrameOutput implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final OutputStream fileOut;
    private final PrintStream stdout;
    private long frames;

    private FrameOutput(Path file, OutputStream fileOut, PrintStream stdout) {
        this.file = file;
        this.fileOut = fileOut;
        this.stdout = stdout;
    }

    /**
     * Opens the destinations of {@code settings}: creates the {@code --out} file (and its parent directories) or
     * appends to it.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    static FrameOutput open(ListenSettings settings, PrintStream stdout) {
        OutputStream fileOut = null;
        if (settings.out() != null) {
            Path out = settings.out();
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                fileOut = new BufferedOutputStream(Files.newOutputStream(out, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND), BUFFER_BYTES);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open --out " + out + ": " + describe(e), e);
            }
        }
        return new FrameOutput(settings.out(), fileOut, settings.raw() ? stdout : null);
    }

    /** Appends one frame ({@code line} without its newline) and a newline. */
    synchronized void write(byte[] line) {
        frames++;
        if (fileOut != null) {
            try {
                fileOut.write(line);
                fileOut.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write --out " + file + ": " + describe(e), e);
            }
        }
        if (stdout != null) {
            stdout.write(line, 0, line.length);
            stdout.write('\n');
        }
    }

    /** Hands everything written to the operating system. */
    synchronized void flush() {
        if (fileOut != null) {
            try {
                fileOut.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write --out " + file + ": " + describe(e), e);
            }
        }
        if (stdout != null) {
            stdout.flush();
            if (stdout.checkError()) {
                throw new UncheckedIOException("cannot write frames to stdout", new IOException("stdout closed"));
            }
        }
    }

    /** Frames written so far. */
    synchronized long frames() {
        return frames;
    }

    /** Flushes and closes the file (stdout stays open). */
    @Override
    public synchronized void close() {
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write --out " + file + ": " + describe(e), e);
            }
        }
        if (stdout != null) {
            stdout.flush();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind.equals("IOException") ? message : kind + ": " + message;
    }
}
