package org.townlet.app.cli;

import java.nio.file.Path;
import org.townlet.app.plugin.Plugins;
import org.townlet.app.wiring.TransportCatalog;
import org.townlet.app.wiring.TransportRegistry;

/**
 * What every command that reads a configuration needs first: the plugins (jars of {@code --plugins DIR}, or of
 * {@code ./plugins} when it exists) and the installed transports they and the classpath contribute.
 *
 * @param plugins   the loaded plugins; close them when done
 * @param transports the installed transports
 */
record AppContext(Plugins plugins, TransportRegistry transports) {
    static AppContext load(Path pluginsOption) {
        Path directory = Plugins.resolveDirectory(pluginsOption);
        Plugins plugins = Plugins.load(directory, AppContext.class.getClassLoader());
        try {
            return new AppContext(plugins, TransportCatalog.build(plugins));
        } catch (RuntimeException e) {
            try {
                plugins.close();
            } catch (java.io.IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
