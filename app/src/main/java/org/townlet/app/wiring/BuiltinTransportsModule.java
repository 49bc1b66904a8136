package org.townlet.app.wiring;

import com.google.inject.AbstractModule;
import java.util.List;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Contributes the transport factories found on the classpath with {@code ServiceLoader}. The factories are discovered
 * before the injector is built (see {@link TransportDiscovery}), so this module only binds: no I/O in configure().
 */
public final class BuiltinTransportsModule extends AbstractModule {
    private final List<TransportFactory<?>> factories;

    public BuiltinTransportsModule(List<TransportFactory<?>> factories) {
        this.factories = List.copyOf(factories);
    }

    @Override
    protected void configure() {
        TransportBindings.transports(binder()); // an empty map is still a map
        for (TransportFactory<?> factory : factories) {
            TransportBindings.addTransport(binder(), factory);
        }
    }
}
