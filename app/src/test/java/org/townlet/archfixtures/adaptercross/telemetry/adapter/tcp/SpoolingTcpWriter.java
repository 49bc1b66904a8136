package org.townlet.archfixtures.adaptercross.telemetry.adapter.tcp;

import org.townlet.archfixtures.adaptercross.telemetry.adapter.file.FileRotation;

/** Violator of adapters_do_not_depend_on_each_other: the tcp adapter borrows the file adapter's rotation. */
public final class SpoolingTcpWriter {
    private final FileRotation spool = new FileRotation();

    public FileRotation spool() {
        return spool;
    }
}
