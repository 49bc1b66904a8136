package org.townlet.app.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.townlet.app.config.ConfigurationException;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Finds the transport factories listed for {@code ServiceLoader} (first-party adapters, and plugins that list their
 * factory too). Names are checked by {@link TransportCatalog}, together with the factories plugins' modules add.
 */
public final class TransportDiscovery {
    /** The name that selects the stub sink; no factory may claim it. */
    public static final String RESERVED_NONE = "none";

    private TransportDiscovery() {
    }

    /** The factories visible to {@code loader}, in discovery order. */
    @SuppressWarnings("rawtypes")
    public static List<TransportFactory<?>> discover(ClassLoader loader) {
        List<TransportFactory<?>> factories = new ArrayList<>();
        try {
            for (TransportFactory factory : ServiceLoader.load(TransportFactory.class, loader)) {
                factories.add(factory);
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("Cannot load a transport factory: " + e.getMessage(), e);
        }
        return factories;
    }
}
