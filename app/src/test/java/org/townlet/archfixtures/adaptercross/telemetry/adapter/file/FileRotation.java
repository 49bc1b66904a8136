package org.townlet.archfixtures.adaptercross.telemetry.adapter.file;

/** Fixture: a helper of the file adapter. */
public final class FileRotation {
}
