/**
 * The versioned telemetry state record used by export and import (SPEC §14), {@link
 * org.townlet.telemetry.api.state.TelemetryStateSnapshot}: immutable, thread-safe, serialised under snake_case JSON
 * names; a {@code null} component means "absent" and resets its model to empty at import.
 */
package org.townlet.telemetry.api.state;
