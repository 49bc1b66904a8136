package org.townlet.archfixtures.modules.telemetry.adapter.file;

import org.townlet.archfixtures.modules.telemetry.api.Port;

/** Fixture: the fake adapter. */
public final class FilePort implements Port {
}
