package org.townlet.archfixtures.user.good.transport;

import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;

/** Fixture: compliant user transport, package-private and final. */
final class PigeonTransport implements Transport {
    @Override
    public void start() {
    }

    @Override
    public SendReport send(FrameBatch batch) {
        return SendReport.SAME_CONNECTION;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
