package org.townlet.telemetry.core.aggregate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.townlet.telemetry.api.event.QueueMetrics;
import org.townlet.telemetry.api.event.WorldEvent;
import org.townlet.telemetry.api.state.TelemetryStateSnapshot;

/**
 * The KPI history (SPEC §6.5): five series, one value per tick each, the oldest dropped beyond {@value #CAP} values.
 * Stateless; the series live in {@link ReadModels#kpiHistory()}.
 *
 * <p>Cost: appending runs every tick, so a series is a {@link CappedList}, an immutable window onto an append-only
 * array that successive versions share: appending claims the next slot instead of copying {@value #CAP} values. Safe
 * from any thread.
 */
final class KpiHistory {
    /** Values kept per series. */
    static final int CAP = 50;
    static final String QUEUE_CONFLICT_INTENSITY = "queue_conflict_intensity";
    static final String EMPLOYMENT_LATENESS = "employment_lateness";
    static final String LATE_HELP_EVENTS = "late_help_events";
    static final String QUEUE_ROTATION_EVENTS = "queue_rotation_events";
    static final String QUEUE_GHOST_STEP_EVENTS = "queue_ghost_step_events";

    private KpiHistory() {
    }

    /**
     * {@code history} with this tick's value appended to each series: the summed {@code intensity} of the
     * {@code queue_conflict} events, the mean {@code lateness_counter} over {@code jobs} (0.0 with none), the number
     * of {@code late_help} events, and the rotation and ghost-step fairness deltas.
     */
    static Map<String, List<Number>> append(Map<String, List<Number>> history, List<WorldEvent> events,
            Map<String, Map<String, Object>> jobs, QueueMetrics fairnessDelta) {
        double intensity = 0.0;
        long lateHelp = 0;
        for (WorldEvent event : events) {
            if ("queue_conflict".equals(event.name())) {
                if (event.attribute("intensity") instanceof Number number) {
                    intensity += number.doubleValue();
                }
            } else if ("late_help".equals(event.name())) {
                lateHelp++;
            }
        }
        double lateness = 0.0;
        if (!jobs.isEmpty()) {
            // forEach, in the same order as values(): no entry object per agent from array-backed maps
            double[] total = {0.0};
            jobs.forEach((agent, job) -> {
                if (job != null && job.get("lateness_counter") instanceof Number number) {
                    total[0] += number.doubleValue();
                }
            });
            double sum = total[0];
            lateness = sum / jobs.size();
        }
        LinkedHashMap<String, List<Number>> next = new LinkedHashMap<>(8);
        next.put(QUEUE_CONFLICT_INTENSITY, appendCapped(history.get(QUEUE_CONFLICT_INTENSITY), intensity));
        next.put(EMPLOYMENT_LATENESS, appendCapped(history.get(EMPLOYMENT_LATENESS), lateness));
        next.put(LATE_HELP_EVENTS, appendCapped(history.get(LATE_HELP_EVENTS), (double) lateHelp));
        next.put(QUEUE_ROTATION_EVENTS, appendCapped(history.get(QUEUE_ROTATION_EVENTS),
                fairnessDelta.rotationEvents()));
        next.put(QUEUE_GHOST_STEP_EVENTS, appendCapped(history.get(QUEUE_GHOST_STEP_EVENTS),
                fairnessDelta.ghostStepEvents()));
        if (next.size() == history.size()) {
            boolean unchanged = true;
            for (Map.Entry<String, List<Number>> series : next.entrySet()) {
                unchanged &= series.getValue() == history.get(series.getKey());
            }
            if (unchanged) {
                // the very same history: the document builder reuses the section and the differ skips it by identity
                return history;
            }
        }
        return Collections.unmodifiableMap(next);
    }

    /**
     * An imported history: every series of SPEC §6.5 present (a missing one empty), each capped at {@value #CAP}, other
     * keys dropped. Returns {@code imported} itself when it already has that shape.
     */
    static Map<String, List<Number>> normalise(Map<String, List<Number>> imported) {
        if (imported == null) {
            return ReadModels.EMPTY_KPI_HISTORY;
        }
        boolean fine = imported.size() == TelemetryStateSnapshot.KPI_SERIES.size();
        for (String series : TelemetryStateSnapshot.KPI_SERIES) {
            List<Number> values = imported.get(series);
            fine &= values != null && values.size() <= CAP;
        }
        if (fine) {
            return imported;
        }
        LinkedHashMap<String, List<Number>> next = new LinkedHashMap<>();
        for (String series : TelemetryStateSnapshot.KPI_SERIES) {
            List<Number> values = imported.get(series);
            next.put(series, values == null ? List.of() : ReadModels.lastOf(values, CAP));
        }
        return Collections.unmodifiableMap(next);
    }

    /**
     * {@code series} with {@code value} appended, capped; {@code series} itself when it is full of values equal to
     * {@code value} (a quiet series, the usual case for most of the five), since appending then changes nothing. The
     * same object, not an equal one, lets the encoder copy the series' bytes and the differ compare it by identity.
     */
    private static List<Number> appendCapped(List<Number> series, Number value) {
        if (series != null && series.size() == CAP && allEqual(series, value)) {
            return series;
        }
        return CappedList.append(series == null ? List.of() : series, List.of(value), CAP);
    }

    /** Whether every value of {@code series} equals {@code value}, type included (so that it is written the same). */
    private static boolean allEqual(List<Number> series, Number value) {
        // oldest first: it is the value appending would drop, the first to differ in a series that is changing
        for (int i = 0, n = series.size(); i < n; i++) {
            if (!value.equals(series.get(i))) {
                return false;
            }
        }
        return true;
    }
}
