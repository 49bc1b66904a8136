package org.townlet.archfixtures.sealed.telemetry.api.event;

/** Violator of the_event_payload_root_is_a_sealed_interface: anyone may add a payload. */
public interface EventPayload {
}
