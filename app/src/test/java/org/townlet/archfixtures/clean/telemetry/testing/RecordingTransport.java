package org.townlet.archfixtures.clean.telemetry.testing;

import java.util.ArrayList;
import java.util.List;
import org.townlet.archfixtures.clean.telemetry.api.transport.Transport;

/** Fixture: the testing toolkit's transport is public on purpose (rule 8's documented exception). */
public final class RecordingTransport implements Transport {
    private final List<byte[]> frames = new ArrayList<>();

    @Override
    public void send(byte[] frame) {
        frames.add(frame);
    }

    public List<byte[]> frames() {
        return frames;
    }
}
