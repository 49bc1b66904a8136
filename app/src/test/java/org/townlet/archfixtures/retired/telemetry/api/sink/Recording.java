package org.townlet.archfixtures.retired.telemetry.api.sink;

/** Fixture: compliant, typed entry points only. */
public interface Recording {
    void emitEvent(Object event);
}
