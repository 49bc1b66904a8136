package org.townlet.archfixtures.user.good.wiring;

import com.google.inject.AbstractModule;
import jakarta.inject.Inject;

/** Fixture: compliant, Guice in the wiring package. */
public final class PigeonModule extends AbstractModule {
    @Inject
    public PigeonModule() {
    }
}
