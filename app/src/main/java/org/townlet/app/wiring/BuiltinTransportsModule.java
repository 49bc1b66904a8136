package org.townlet.app.wiring;

import com.google.inject.AbstractModule;
import java.util.List;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Contributes the transport factories found with {@code ServiceLoader}. They are discovered before the injector is
 * built ({@link TransportDiscovery}), so this module only binds: no I/O in configure(). Duplicates are allowed in the
 * map binder so that {@link TransportCatalog} can report every name taken twice with both sources.
 */
public final class BuiltinTransportsModule extends AbstractModule {
    private final List<TransportFactory<?>> factories;

    public BuiltinTransportsModule(List<TransportFactory<?>> factories) {
        this.factories = List.copyOf(factories);
    }

    @Override
    protected void configure() {
        TransportBindings.transports(binder()).permitDuplicates(); // an empty map is still a map
        for (TransportFactory<?> factory : factories) {
            TransportBindings.addTransport(binder(), factory);
        }
    }
}
