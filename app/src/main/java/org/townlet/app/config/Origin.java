package org.townlet.app.config;

import java.util.Objects;

/**
 * Where a configuration value came from: a position in a file ({@code sim.yaml:14:5}), or a command-line flag
 * ({@code --endpoint}) that stands for one key path. Errors start with it (SPEC §15).
 *
 * @param file     the file as the user named it; {@code null} for a flag or a built-in default
 * @param line     1-based line; 0 when unknown
 * @param column   1-based column; 0 when unknown
 * @param flag     the flag, e.g. {@code --endpoint}; {@code null} for a file position
 * @param flagPath the key path the flag sets, e.g. {@code telemetry.transport.endpoint}; {@code null} for a file
 */
public record Origin(String file, int line, int column, String flag, String flagPath) {
    /** A value nobody gave: a default, or a block that is absent. */
    public static final Origin DEFAULT = new Origin(null, 0, 0, null, null);

    /** A position in {@code file}. */
    public static Origin at(String file, int line, int column) {
        return new Origin(Objects.requireNonNull(file, "file"), line, column, null, null);
    }

    /** A value given by {@code flag}, which sets {@code path}. */
    public static Origin flag(String flag, String path) {
        return new Origin(null, 0, 0, Objects.requireNonNull(flag, "flag"), Objects.requireNonNull(path, "path"));
    }

    /** Whether a command-line flag gave the value. */
    public boolean isFlag() {
        return flag != null;
    }

    /**
     * The start of an error about {@code path}: {@code file:line:col: path}, or {@code --flag} when the flag sets that
     * very path, or {@code --flag: path} when the error is about another key the flag implies (a required key missing
     * for the transport the flag chose).
     */
    public String prefix(String path) {
        if (flag != null) {
            return path == null || path.isEmpty() || path.equals(flagPath) ? flag : flag + ": " + path;
        }
        String where = file == null ? "" : file + ":" + line + ":" + column + ": ";
        return where + (path == null || path.isEmpty() ? "(top level)" : path);
    }
}
