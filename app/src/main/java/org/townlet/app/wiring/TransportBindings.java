package org.townlet.app.wiring;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * The one way to contribute a transport: built-in factories found by {@code ServiceLoader} and plugins' Guice modules
 * both add their factory here, under its {@link TransportFactory#name()}.
 *
 * <pre>{@code
 * public final class AcmeTransportModule extends AbstractModule {
 *     protected void configure() {
 *         TransportBindings.addTransport(binder(), new AcmeTransportFactory());
 *     }
 * }
 * }</pre>
 */
public final class TransportBindings {
    private static final TypeLiteral<TransportFactory<?>> FACTORY = new TypeLiteral<>() {
    };

    private TransportBindings() {
    }

    /** The map binder every transport is contributed to, keyed by transport name. */
    public static MapBinder<String, TransportFactory<?>> transports(Binder binder) {
        return MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), FACTORY);
    }

    /**
     * Contributes {@code factory} under its {@link TransportFactory#name()}, selectable as
     * {@code telemetry.transport.type}; its settings come from {@code telemetry.transport.<name>}. A name taken by two
     * different factories, or the reserved {@code none}, fails at start-up naming both sources.
     */
    public static void addTransport(Binder binder, TransportFactory<?> factory) {
        java.util.Objects.requireNonNull(factory, "factory");
        String name = java.util.Objects.requireNonNull(factory.name(), () -> factory.getClass().getName()
                + ".name() returned null");
        transports(binder).addBinding(name).toInstance(factory);
    }
}
