package org.townlet.telemetry.testing;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * A {@link TransportFactory} that hands out one given {@link RecordingTransport}, for tests of wiring and of the
 * pipeline. It is deliberately not listed in {@code META-INF/services}: a test registers it explicitly (for example
 * through a plugin module), so it never shows up among the installed transports of other tests.
 */
public final class RecordingTransportFactory implements TransportFactory<RecordingTransportFactory.Settings> {
    /** The default name. */
    public static final String DEFAULT_NAME = "recording";

    /** The recording transport has no settings; binds from {@code {}} and rejects any key. */
    public record Settings() {
    }

    private final String name;
    private final RecordingTransport transport;
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicReference<TransportContext> lastContext = new AtomicReference<>();

    /** A factory named {@code recording} with a fresh transport. */
    public RecordingTransportFactory() {
        this(DEFAULT_NAME, new RecordingTransport());
    }

    /** A factory named {@code recording} that returns {@code transport}. */
    public RecordingTransportFactory(RecordingTransport transport) {
        this(DEFAULT_NAME, transport);
    }

    /** A factory called {@code name} that returns {@code transport}. */
    public RecordingTransportFactory(String name, RecordingTransport transport) {
        this.name = Objects.requireNonNull(name, "name");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    /** Returns the transport given at construction (the same instance every time) and remembers the context. */
    @Override
    public Transport create(Settings settings, TransportContext context) {
        Objects.requireNonNull(context, "context");
        creates.incrementAndGet();
        lastContext.set(context);
        return transport;
    }

    /** The transport this factory hands out. */
    public RecordingTransport transport() {
        return transport;
    }

    /** How many times {@link #create} was called. */
    public int createCount() {
        return creates.get();
    }

    /** The context of the latest {@link #create} call; empty before the first. */
    public Optional<TransportContext> lastContext() {
        return Optional.ofNullable(lastContext.get());
    }
}
