package org.townlet.archfixtures.appdeps.sim;

import org.townlet.archfixtures.appdeps.app.AppConfig;

/** Violator of nothing_outside_app_depends_on_app: the simulation reads app's configuration. */
public final class ConfiguredWorld {
    private AppConfig config;

    public AppConfig config() {
        return config;
    }
}
