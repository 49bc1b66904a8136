package org.townlet.telemetry.api.sink;

import org.townlet.telemetry.api.state.TelemetryStateSnapshot;

/**
 * The state-restore role (protocol method 43). Export lives on {@link TelemetryInspector#exportState()}.
 */
public interface TelemetryStateIO {
    /**
     * #43: replaces every read model with the snapshot's values (an absent or null key resets its model to the
     * empty value), clears the frame buffer (counted as dropped) and makes the next frame a keyframe. {@code seq}
     * keeps running. Called on the simulation thread.
     */
    void importState(TelemetryStateSnapshot snapshot);
}
