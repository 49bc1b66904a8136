package org.townlet.telemetry.api.transport;

/** The two kinds of frame on the wire: a full snapshot (keyframe) or a diff against the previous frame. */
public enum FrameKind {
    /** A full snapshot; {@code payload_type:"snapshot"}. */
    SNAPSHOT("snapshot"),
    /** Changed top-level sections only; {@code payload_type:"diff"}. */
    DIFF("diff");

    private final String wireName;

    FrameKind(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code payload_type} value of this kind. */
    public String wireName() {
        return wireName;
    }
}
