package org.townlet.telemetry.core.encode;

/** The keys every frame begins with (SPEC §9.2), and the diff-only keys (§9.5). */
final class Envelope {
    static final String SCHEMA_VERSION = "schema_version";
    static final String PAYLOAD_TYPE = "payload_type";
    static final String SEQ = "seq";
    static final String TICK = "tick";
    static final String CHANGES = "changes";
    static final String REMOVED = "removed";

    private Envelope() {
    }

    static boolean isEnvelopeKey(String key) {
        return SCHEMA_VERSION.equals(key) || PAYLOAD_TYPE.equals(key) || SEQ.equals(key) || TICK.equals(key);
    }
}
