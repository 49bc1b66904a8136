package org.townlet.telemetry.adapter.file;

import java.util.Objects;
import org.townlet.telemetry.api.transport.Transport;
import org.townlet.telemetry.api.transport.TransportContext;
import org.townlet.telemetry.api.transport.TransportFactory;

/**
 * Creates the {@code file} transport (SPEC §12.2): NDJSON frames appended to {@code file_path}, with optional size
 * rotation and fsync. Creating it touches no file; the file is opened when the transport starts.
 *
 * <p>Listed in {@code META-INF/services/org.townlet.telemetry.api.transport.TransportFactory}.
 */
public final class FileTransportFactory implements TransportFactory<FileSettings> {
    /** The transport's name in {@code telemetry.transport.type}. */
    public static final String NAME = "file";

    /** The factory used by {@code ServiceLoader}. */
    public FileTransportFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<FileSettings> settingsType() {
        return FileSettings.class;
    }

    @Override
    public Transport create(FileSettings settings, TransportContext context) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        FileSettings.FileOptions options = settings.file();
        return new FileTransport(settings.resolvedPath(), options.rotateMaxBytes(), options.rotateKeep(),
                options.fsync(), System.getLogger(context.loggerName()));
    }
}
