package org.townlet.archfixtures.guice.telemetry.core;

import com.google.inject.AbstractModule;

/** Violator of guice_is_used_only_in_app: core ships its own Guice module. */
public final class CoreModule extends AbstractModule {
}
