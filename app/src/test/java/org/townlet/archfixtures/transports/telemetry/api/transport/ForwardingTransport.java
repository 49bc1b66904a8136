package org.townlet.archfixtures.transports.telemetry.api.transport;

/** Fixture: compliant, the api's own abstract helper is exempt. */
public abstract class ForwardingTransport implements Transport {
}
