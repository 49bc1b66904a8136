package org.townlet.telemetry.adapter.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the {@code file} transport (SPEC §12.2, §15.1), bound from {@code telemetry.transport}: {@code
 * file_path} and the {@code file} block. Validated when constructed; messages name the key and the bad value.
 *
 * @param filePath where frames are appended; required and non-blank; a leading {@code ~} stands for the user's home
 *                 directory; parent directories are created when the transport starts
 * @param file     rotation and fsync options; {@code null} means {@link FileOptions#DEFAULTS}
 */
public record FileSettings(@JsonProperty("file_path") String filePath, @JsonProperty("file") FileOptions file) {
    /** Rejects a missing or blank path; replaces absent options by their defaults. */
    public FileSettings {
        if (filePath == null) {
            throw new IllegalArgumentException("file_path is required");
        }
        if (filePath.isBlank()) {
            throw new IllegalArgumentException("file_path must not be blank");
        }
        if (file == null) {
            file = FileOptions.DEFAULTS;
        }
    }

    /** Settings for {@code filePath} with default options. */
    public static FileSettings of(String filePath) {
        return new FileSettings(filePath, null);
    }

    /**
     * The path to write, with a leading {@code ~} (alone or followed by a separator) replaced by the user's home
     * directory. Touches no file.
     */
    public Path resolvedPath() {
        return expandHome(filePath, System.getProperty("user.home"));
    }

    /** Visible for testing: expands a leading {@code ~} against {@code home}. */
    static Path expandHome(String path, String home) {
        Objects.requireNonNull(path, "path");
        if (path.equals("~")) {
            return Path.of(home);
        }
        if (path.startsWith("~/") || path.startsWith("~" + java.io.File.separator)) {
            return Path.of(home, path.substring(2));
        }
        return Path.of(path);
    }

    /**
     * The {@code telemetry.transport.file} block.
     *
     * @param rotateMaxBytes {@code rotate_max_bytes}: rotate before a batch that would make the file larger than
     *                       this; 0 (the default) never rotates; otherwise 1 MiB to 1 TiB
     * @param rotateKeep     {@code rotate_keep}: how many rotated files ({@code path.1} … {@code path.N}) are kept;
     *                       1–100, default 5
     * @param fsync          {@code fsync}: force the data to disk after each batch; default false
     */
    public record FileOptions(@JsonProperty("rotate_max_bytes") long rotateMaxBytes,
                              @JsonProperty("rotate_keep") int rotateKeep,
                              @JsonProperty("fsync") boolean fsync) {
        /** Default {@code rotate_max_bytes}: no rotation. */
        public static final long DEFAULT_ROTATE_MAX_BYTES = 0L;
        /** Default {@code rotate_keep}. */
        public static final int DEFAULT_ROTATE_KEEP = 5;
        /** Default {@code fsync}. */
        public static final boolean DEFAULT_FSYNC = false;
        /** Smallest non-zero {@code rotate_max_bytes}: 1 MiB. */
        public static final long MIN_ROTATE_MAX_BYTES = 1L << 20;
        /** Largest {@code rotate_max_bytes}: 1 TiB. */
        public static final long MAX_ROTATE_MAX_BYTES = 1L << 40;
        /** Smallest {@code rotate_keep}. */
        public static final int MIN_ROTATE_KEEP = 1;
        /** Largest {@code rotate_keep}. */
        public static final int MAX_ROTATE_KEEP = 100;
        /** Every option at its default. */
        public static final FileOptions DEFAULTS =
                new FileOptions(DEFAULT_ROTATE_MAX_BYTES, DEFAULT_ROTATE_KEEP, DEFAULT_FSYNC);

        /** Validates the ranges. */
        public FileOptions {
            if (rotateMaxBytes != 0
                    && (rotateMaxBytes < MIN_ROTATE_MAX_BYTES || rotateMaxBytes > MAX_ROTATE_MAX_BYTES)) {
                throw new IllegalArgumentException("file.rotate_max_bytes must be 0 or between "
                        + MIN_ROTATE_MAX_BYTES + " and " + MAX_ROTATE_MAX_BYTES + "; got " + rotateMaxBytes);
            }
            if (rotateKeep < MIN_ROTATE_KEEP || rotateKeep > MAX_ROTATE_KEEP) {
                throw new IllegalArgumentException("file.rotate_keep must be between " + MIN_ROTATE_KEEP + " and "
                        + MAX_ROTATE_KEEP + "; got " + rotateKeep);
            }
        }

        /**
         * The binding entry point: an absent or {@code null} key takes its default.
         */
        @JsonCreator
        public static FileOptions bind(@JsonProperty("rotate_max_bytes") Long rotateMaxBytes,
                                       @JsonProperty("rotate_keep") Integer rotateKeep,
                                       @JsonProperty("fsync") Boolean fsync) {
            return new FileOptions(rotateMaxBytes == null ? DEFAULT_ROTATE_MAX_BYTES : rotateMaxBytes,
                    rotateKeep == null ? DEFAULT_ROTATE_KEEP : rotateKeep,
                    fsync == null ? DEFAULT_FSYNC : fsync);
        }
    }
}
