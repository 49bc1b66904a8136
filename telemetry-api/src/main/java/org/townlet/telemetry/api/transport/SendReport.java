package org.townlet.telemetry.api.transport;

/**
 * What a successful {@link Transport#send} tells the worker.
 *
 * @param newConnection the batch went over a connection or file opened after an earlier one (a reconnect or a
 *                      rotation, not the transport's first); the worker then makes the next frame a keyframe
 */
public record SendReport(boolean newConnection) {
    /** The batch went over the connection (or file) already in use, or the transport's first. */
    public static final SendReport SAME_CONNECTION = new SendReport(false);
    /** The batch went over a connection (or file) opened after an earlier one. */
    public static final SendReport NEW_CONNECTION = new SendReport(true);
}
