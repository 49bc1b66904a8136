package org.townlet.archfixtures.transports.telemetry.testing;

import org.townlet.archfixtures.transports.telemetry.api.transport.Transport;

/** Fixture: compliant, the testing toolkit's public transport is the documented exception. */
public class RecordingTransport implements Transport {
    @Override
    public void send(byte[] frame) {
    }
}
