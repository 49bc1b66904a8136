package org.townlet.app.wiring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.townlet.app.config.ConfigurationException;
import org.townlet.telemetry.api.transport.TransportFactory;

/** Finds the transport factories registered for {@code ServiceLoader} and rejects reserved or duplicate names. */
public final class TransportDiscovery {
    /** The name that selects the stub sink; no factory may claim it. */
    public static final String RESERVED_NONE = "none";

    private TransportDiscovery() {
    }

    /** The factories visible to {@code loader}, checked. */
    @SuppressWarnings("rawtypes")
    public static List<TransportFactory<?>> discover(ClassLoader loader) {
        Map<String, TransportFactory<?>> byName = new LinkedHashMap<>();
        for (TransportFactory factory : ServiceLoader.load(TransportFactory.class, loader)) {
            TransportFactory<?> typed = factory;
            String name = typed.name();
            if (RESERVED_NONE.equals(name)) {
                throw new ConfigurationException("Transport factory " + typed.getClass().getName()
                        + " claims the reserved name 'none'");
            }
            TransportFactory<?> previous = byName.putIfAbsent(name, typed);
            if (previous != null && previous.getClass() != typed.getClass()) {
                throw new ConfigurationException("Duplicate telemetry transport '" + name + "': "
                        + source(previous) + " and " + source(typed));
            }
        }
        return new ArrayList<>(byName.values());
    }

    static String source(Object factory) {
        var location = factory.getClass().getProtectionDomain().getCodeSource();
        return factory.getClass().getName() + (location == null ? "" : " (" + location.getLocation() + ")");
    }
}
