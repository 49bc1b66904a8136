package org.townlet.app.listen.http;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent values of a run's health, one point per update, at most {@value #POINTS}: ticks per second, the
 * producer's queue length, its drops ({@code dropped_messages + frames_dropped_total}) and send failures. Kept by the
 * server so a page that just opened draws its charts at once. Single-threaded (the push thread).
 */
final class DashboardSeries {
    /** Points kept per series. */
    static final int POINTS = 120;

    private final Map<String, ArrayDeque<Double>> values = new LinkedHashMap<>();

    DashboardSeries() {
        for (String name : List.of("ticks_per_s", "queue_length", "drops", "send_failures")) {
            values.put(name, new ArrayDeque<>(POINTS));
        }
    }

    /** Adds the point of {@code digest} (a {@link DashboardDigest}) and returns every series, oldest first. */
    Map<String, List<Double>> add(Map<String, Object> digest) {
        Map<?, ?> transport = digest.get("transport") instanceof Map<?, ?> map ? map : Map.of();
        append("ticks_per_s", number(digest.get("ticks_per_s")));
        append("queue_length", number(transport.get("queue_length")));
        append("drops", number(transport.get("dropped_messages")) + number(transport.get("frames_dropped_total")));
        append("send_failures", number(transport.get("send_failures_total")));
        Map<String, List<Double>> view = new LinkedHashMap<>();
        values.forEach((name, points) -> view.put(name, List.copyOf(points)));
        return view;
    }

    private void append(String name, double value) {
        ArrayDeque<Double> points = values.get(name);
        if (points.size() == POINTS) {
            points.pollFirst();
        }
        points.addLast(value);
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0.0;
    }
}
