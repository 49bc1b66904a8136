package org.townlet.telemetry.core.consume;

/**
 * A strict {@link StreamConsumer} met a frame whose {@code schema_version} has another major version than the one it
 * expects (SPEC §9.6 rule 3). The frame was rejected and counted in {@code schema_mismatches} before this was thrown;
 * the consumer stays usable.
 */
public final class SchemaMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String expectedPrefix;
    private final String reportedVersion;

    /** A mismatch between the prefix the consumer expects and the version a frame reported. */
    public SchemaMismatchException(String expectedPrefix, String reportedVersion) {
        super("Client supports schema prefix " + expectedPrefix + ", but shard reported " + reportedVersion
                + " (another major version); frame rejected.");
        this.expectedPrefix = expectedPrefix;
        this.reportedVersion = reportedVersion;
    }

    /** The schema prefix the consumer expects, e.g. {@code 0.9}. */
    public String expectedPrefix() {
        return expectedPrefix;
    }

    /** The {@code schema_version} the frame reported. */
    public String reportedVersion() {
        return reportedVersion;
    }
}
