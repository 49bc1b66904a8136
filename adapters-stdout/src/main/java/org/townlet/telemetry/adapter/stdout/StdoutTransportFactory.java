package org.townlet.telemetry.adapter.stdout;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Supplier;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Creates the {@code stdout} transport (SPEC §12.2): NDJSON frames written to the process's standard output through a
 * dedicated buffered stream over file descriptor 1, never through {@code System.out}, so nothing else in the process
 * can interleave with a frame. Logs, progress and summaries go to stderr while stdout carries frames.
 *
 * <p>Listed in {@code META-INF/services/org.townlet.telemetry.api.transport.TransportFactory}.
 */
public final class StdoutTransportFactory implements TransportFactory<StdoutSettings> {
    /** The transport's name in {@code telemetry.transport.type}. */
    public static final String NAME = "stdout";

    private final Supplier<OutputStream> target;

    /** The factory used by {@code ServiceLoader}: frames go to file descriptor 1. */
    public StdoutTransportFactory() {
        this(() -> new FileOutputStream(FileDescriptor.out));
    }

    /**
     * Visible for testing: frames go to the stream {@code target} supplies when the transport starts. The transport
     * flushes that stream but never closes it, as it never closes file descriptor 1.
     */
    StdoutTransportFactory(Supplier<OutputStream> target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Visible for testing: frames go to {@code target}. */
    static StdoutTransportFactory writingTo(OutputStream target) {
        Objects.requireNonNull(target, "target");
        return new StdoutTransportFactory(() -> target);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<StdoutSettings> settingsType() {
        return StdoutSettings.class;
    }

    @Override
    public Transport create(StdoutSettings settings, TransportContext context) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        return new StdoutTransport(target);
    }
}
