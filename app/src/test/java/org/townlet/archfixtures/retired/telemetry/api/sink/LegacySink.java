package org.townlet.archfixtures.retired.telemetry.api.sink;

/** Violator of no_public_api_type_declares_a_retired_sink_method: the original's untyped entry point. */
public interface LegacySink {
    void publishTick(long tick, Object world);
}
