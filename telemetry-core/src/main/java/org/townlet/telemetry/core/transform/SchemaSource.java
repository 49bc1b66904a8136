package org.townlet.telemetry.core.transform;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a schema of {@code schema_validator} comes from (SPEC §10.1): a classpath resource ({@code classpath:…}) or a
 * file. Immutable.
 *
 * @param configured the value as configured, for messages (e.g. {@code classpath:org/townlet/...} or
 *                   {@code schemas/frame.json})
 * @param location   the location the validator loads: {@code classpath:<resource>} or a {@code file:} URI of the
 *                   resolved, absolute path
 */
public record SchemaSource(String configured, String location) {
    /** The prefix of a classpath location. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    public SchemaSource {
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(location, "location");
    }

    /** The classpath resource {@code resource} (without or with a leading {@code /}). */
    public static SchemaSource classpath(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        return new SchemaSource(CLASSPATH_PREFIX + name, CLASSPATH_PREFIX + name);
    }

    /** The file {@code path}, configured as {@code configured}. */
    public static SchemaSource file(String configured, Path path) {
        return new SchemaSource(configured, path.toAbsolutePath().normalize().toUri().toString());
    }

    /** Whether the schema is a classpath resource. */
    public boolean isClasspath() {
        return location.startsWith(CLASSPATH_PREFIX);
    }
}
