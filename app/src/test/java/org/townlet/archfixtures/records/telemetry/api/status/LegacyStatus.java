package org.townlet.archfixtures.records.telemetry.api.status;

/** Violator of event_and_status_types_are_records: a status type that is a class. */
public class LegacyStatus {
    public long framesSent;
}
