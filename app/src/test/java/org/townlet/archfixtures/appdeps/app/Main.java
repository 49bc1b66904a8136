package org.townlet.archfixtures.appdeps.app;

/** Fixture: compliant, app may use itself. */
public final class Main {
    private final AppConfig config = new AppConfig(1);

    public AppConfig config() {
        return config;
    }
}
