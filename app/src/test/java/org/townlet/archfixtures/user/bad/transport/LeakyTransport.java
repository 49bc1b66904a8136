package org.townlet.archfixtures.user.bad.transport;

import org.townlet.telemetry.api.transport.FrameBatch;
import org.townlet.telemetry.api.transport.SendReport;
import org.townlet.telemetry.api.transport.Transport;

/** Violator of customTransportsArePackagePrivateAndFinal: public and open for extension. */
public class LeakyTransport implements Transport {
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
