package org.townlet.archfixtures.modules.app;

import org.townlet.archfixtures.modules.sim.World;
import org.townlet.archfixtures.modules.telemetry.adapter.file.FilePort;
import org.townlet.archfixtures.modules.telemetry.core.Encoder;

/** Fixture: the fake app, which may use every module. */
public final class Main {
    private Encoder encoder;
    private FilePort filePort;
    private World world;

    @Override
    public String toString() {
        return encoder + " " + filePort + " " + world;
    }
}
