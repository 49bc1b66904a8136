package org.townlet.archfixtures.adapterdeps.telemetry.adapter.file;

import org.townlet.archfixtures.adapterdeps.telemetry.core.Encoder;

/** Violator of adapters_depend_on_no_townlet_module_but_the_api: an adapter uses core. */
public final class EncodingFileWriter {
    private final Encoder encoder = new Encoder();

    public Encoder encoder() {
        return encoder;
    }
}
