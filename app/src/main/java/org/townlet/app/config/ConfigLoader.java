package org.townlet.app.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.townlet.app.config.ConfigNode.MapNode;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Loads the configuration of a run: parses the file (YAML, or JSON for {@code .json}), applies the flags, binds every
 * key and checks it, and reports every error at once (SPEC §15). Opens no network connection; reads only the
 * configuration file and checks that the TLS files it names are readable.
 */
public final class ConfigLoader {
    private final Map<String, TransportFactory<?>> installed;

    /** @param installed the installed transports by name (built-in and plugins) */
    public ConfigLoader(Map<String, TransportFactory<?>> installed) {
        this.installed = new TreeMap<>(Objects.requireNonNull(installed, "installed"));
    }

    /**
     * Loads {@code file} (or the built-in defaults when it is {@code null}) with {@code overrides} applied.
     *
     * @throws ConfigurationException listing every error, one per line
     */
    public LoadedConfig load(Path file, ConfigOverrides overrides) {
        Problems problems = new Problems();
        MapNode root = file == null ? MapNode.empty(Origin.DEFAULT) : ConfigParser.parse(file, problems);
        root = overrides.applyTo(root);
        Path baseDir = file == null || file.toAbsolutePath().getParent() == null
                ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
        ConfigBinder binder = new ConfigBinder(installed, baseDir, problems, null);
        TownletConfig config = binder.bind(root);
        problems.throwIfAny();
        return new LoadedConfig(file, config, binder.effective());
    }

    /** Every key the configuration declares, documented: what {@code docs/CONFIGURATION.md} is generated from. */
    public static ConfigReference reference() {
        ConfigReference reference = new ConfigReference();
        new ConfigBinder(Map.of(), Path.of(""), new Problems(), reference).bind(MapNode.empty(Origin.DEFAULT));
        return reference;
    }
}
