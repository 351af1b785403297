package io.flowlb.controller.metrics;

import java.util.List;

/**
 * One value of a metric family, with its label values in the order of the family's label names.
 *
 * <p>Thread safety: immutable.
 */
public record Sample(List<String> labelValues, double value) {
    public Sample {
        labelValues = List.copyOf(labelValues);
    }

    public static Sample of(double value, String... labelValues) {
        return new Sample(List.of(labelValues), value);
    }
}
