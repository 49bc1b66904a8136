package org.townlet.archfixtures.adaptercross.telemetry.adapter.file;

/** Fixture: compliant, an adapter may use its own package. */
public final class FileWriter {
    private final FileRotation rotation = new FileRotation();

    public FileRotation rotation() {
        return rotation;
    }
}
