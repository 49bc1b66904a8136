package org.townlet.telemetry.core.transform;

import java.util.Map;
import org.townlet.telemetry.api.transport.FrameKind;

/**
 * One running transform (SPEC §10.1). It returns the same frame, a new one (never mutating its input), or
 * {@code null} to drop the frame. Called only under the pipeline's send lock, in {@code seq} order.
 */
@FunctionalInterface
interface FrameTransform {
    /**
     * @param frame the snapshot document (section stage) or the finished frame (frame stage); plain JSON values
     * @param kind  the kind of the frame being emitted
     * @param seq   the frame's {@code seq}, for log lines
     * @return {@code frame}, a new frame, or {@code null} to drop it
     */
    Map<String, Object> apply(Map<String, Object> frame, FrameKind kind, long seq);
}
