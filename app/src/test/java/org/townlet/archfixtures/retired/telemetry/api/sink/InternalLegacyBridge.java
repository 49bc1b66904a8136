package org.townlet.archfixtures.retired.telemetry.api.sink;

/** Fixture: compliant, not public, so not part of the api's surface. */
final class InternalLegacyBridge {
    void recordLoopFailure(String error) {
    }
}
