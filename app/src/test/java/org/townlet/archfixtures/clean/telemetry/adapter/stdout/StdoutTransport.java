package org.townlet.archfixtures.clean.telemetry.adapter.stdout;

import org.townlet.archfixtures.clean.telemetry.api.transport.Transport;

/** Fixture: the stdout adapter may write to System.out. */
final class StdoutTransport implements Transport {
    @Override
    public void send(byte[] frame) {
        System.out.write(frame, 0, frame.length);
    }
}
