package org.transferworkbench.core.bench;

import java.util.ArrayList;
import java.util.List;

/** Repeated throughput readings (images per second) with their median. */
public final class Measurement {

    private final List<Double> values = new ArrayList<>();

    public void add(double imagesPerSecond) {
        values.add(imagesPerSecond);
    }

    public void addAll(Measurement other) {
        values.addAll(other.values);
    }

    public int count() {
        return values.size();
    }

    public double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
