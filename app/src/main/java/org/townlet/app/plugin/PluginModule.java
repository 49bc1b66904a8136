package org.townlet.app.plugin;

import com.google.inject.Module;
import java.util.Objects;

/**
 * A Guice module found with {@code ServiceLoader<com.google.inject.Module>}, with where it came from.
 *
 * @param module the module
 * @param source the jar (or classpath entry) that listed it, as errors name it
 */
public record PluginModule(Module module, String source) {
    public PluginModule {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(source, "source");
    }
}
