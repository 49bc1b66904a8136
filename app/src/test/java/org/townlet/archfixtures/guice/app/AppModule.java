package org.townlet.archfixtures.guice.app;

import com.google.inject.AbstractModule;

/** Fixture: compliant, app wires with Guice. */
public final class AppModule extends AbstractModule {
}
