package org.townlet.archfixtures.clean.telemetry.api.status;

/** Fixture: a status record. */
public record Status(long framesSent) {
}
