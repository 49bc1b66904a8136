/**
 * The console's side of telemetry (SPEC §8.1, §8.2): the bounded queue of pending commands, the results with their
 * history, and the optional audit file written by its own thread. Commands and results are separate structures.
 */
package org.townlet.telemetry.core.console;
