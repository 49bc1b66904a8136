package org.townlet.app.wiring;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.townlet.app.config.ConfigurationException;
import org.townlet.telemetry.api.transport.TransportFactory;

/** The installed transports by name, built by {@link TransportCatalog}; the one place a name is resolved. */
public final class TransportRegistry {
    private final Map<String, TransportFactory<?>> factories;

    TransportRegistry(Map<String, TransportFactory<?>> factories) {
        this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
    }

    /** The installed factories by name, sorted; what the configuration is checked against. */
    public Map<String, TransportFactory<?>> factories() {
        return factories;
    }

    /** The names a user may choose: every installed factory plus {@code none} (the stub sink), sorted. */
    public Set<String> knownNames() {
        Set<String> names = new TreeSet<>(factories.keySet());
        names.add(TransportDiscovery.RESERVED_NONE);
        return names;
    }

    /**
     * The factory called {@code name}.
     *
     * @throws ConfigurationException naming the known transports when there is none
     */
    public TransportFactory<?> select(String name) {
        TransportFactory<?> factory = factories.get(name);
        if (factory == null) {
            throw new ConfigurationException("Unknown telemetry transport '" + name + "'. Known transports: "
                    + knownNames());
        }
        return factory;
    }
}
