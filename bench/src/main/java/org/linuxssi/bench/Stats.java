package org.linuxssi.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples of one measurement, in milliseconds, with the figures a report needs. */
final class Stats {

    private final List<Double> millis = new ArrayList<>();

    void add(double value) {
        millis.add(value);
    }

    void addNanos(long nanos) {
        millis.add(nanos / 1e6);
    }

    double median() {
        return percentile(50);
    }

    double percentile(double p) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    double min() {
        return Collections.min(millis);
    }

    double last() {
        return millis.get(millis.size() - 1);
    }

    double max() {
        return Collections.max(millis);
    }

    int count() {
        return millis.size();
    }

    String summary() {
        return String.format("n=%d median=%.1f ms p99=%.1f ms min=%.1f ms max=%.1f ms", count(), median(),
                percentile(99), min(), max());
    }
}
