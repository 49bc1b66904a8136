package org.townlet.app.config;

/**
 * {@code telemetry.transport.file}: the file transport's rotation and fsync (SPEC §12.2).
 *
 * @param rotateMaxBytes {@code rotate_max_bytes}: 0 (no rotation) or 1 MiB–1 TiB
 * @param rotateKeep     {@code rotate_keep}: rotated files kept, 1–100
 * @param fsync          {@code fsync}: force data to disk after each batch
 */
public record FileConfig(long rotateMaxBytes, int rotateKeep, boolean fsync) {
    public static final long MIN_ROTATE_BYTES = 1L << 20;
    public static final long MAX_ROTATE_BYTES = 1L << 40;
    public static final int MAX_ROTATE_KEEP = 100;
    public static final FileConfig DEFAULTS = new FileConfig(0, 5, false);

    public FileConfig {
        if (rotateMaxBytes != 0) {
            Bounds.check("rotate_max_bytes", rotateMaxBytes, MIN_ROTATE_BYTES, MAX_ROTATE_BYTES);
        }
        Bounds.check("rotate_keep", rotateKeep, 1, MAX_ROTATE_KEEP);
    }
}
