package org.townlet.app.wiring;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.townlet.app.config.ConfigurationException;
import org.townlet.app.plugin.PluginModule;
import org.townlet.app.plugin.Plugins;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Builds the {@link TransportRegistry} of a run (SPEC §16): one injector whose map binder is fed by the factories
 * {@code ServiceLoader} finds and by the plugins' Guice modules. A name taken by two different factories fails at
 * start-up naming both sources; {@code none} is reserved. The same factory class found twice (listed for
 * {@code ServiceLoader} and added by its module) counts once.
 */
public final class TransportCatalog {
    private static final Key<Map<String, Set<TransportFactory<?>>>> ALL_BY_NAME =
            Key.get(new TypeLiteral<Map<String, Set<TransportFactory<?>>>>() {
            });

    private TransportCatalog() {
    }

    /** The installed transports of {@code plugins}: the class loader's service factories and the modules' ones. */
    public static TransportRegistry build(Plugins plugins) {
        return build(TransportDiscovery.discover(plugins.classLoader()), plugins.modules());
    }

    /**
     * The installed transports from {@code discovered} factories and plugin {@code modules}.
     *
     * @throws ConfigurationException on a duplicate or reserved name, or when a module fails to configure
     */
    public static TransportRegistry build(List<TransportFactory<?>> discovered, List<PluginModule> modules) {
        List<Module> all = new ArrayList<>();
        all.add(new BuiltinTransportsModule(discovered));
        modules.forEach(plugin -> all.add(plugin.module()));
        Injector injector;
        try {
            injector = Guice.createInjector(Stage.PRODUCTION, all);
        } catch (CreationException e) {
            String messages = e.getErrorMessages().stream().map(Message::getMessage)
                    .map(m -> m.lines().findFirst().orElse(m)).collect(Collectors.joining("; "));
            throw new ConfigurationException("Plugin modules failed to configure ("
                    + modules.stream().map(PluginModule::source).distinct().collect(Collectors.joining(", "))
                    + "): " + messages, e);
        }
        Map<String, Set<TransportFactory<?>>> byName = injector.getInstance(ALL_BY_NAME);
        Map<String, TransportFactory<?>> chosen = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Set<TransportFactory<?>>> entry : new TreeMap<>(byName).entrySet()) {
            String name = entry.getKey();
            Map<Class<?>, TransportFactory<?>> byClass = new LinkedHashMap<>();
            entry.getValue().forEach(factory -> byClass.putIfAbsent(factory.getClass(), factory));
            if (TransportDiscovery.RESERVED_NONE.equals(name)) {
                errors.add("Transport factory " + describe(byClass.values()) + " claims the reserved name 'none'"
                        + " (it selects the stub sink)");
            } else if (byClass.size() > 1) {
                errors.add("Duplicate telemetry transport '" + name + "': " + describe(byClass.values())
                        + "; remove one of them");
            } else {
                chosen.put(name, byClass.values().iterator().next());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        return new TransportRegistry(chosen);
    }

    private static String describe(java.util.Collection<TransportFactory<?>> factories) {
        return factories.stream()
                .map(f -> f.getClass().getName() + " (" + Plugins.sourceOf(f.getClass()) + ")")
                .collect(Collectors.joining(" and "));
    }
}
