package io.flowlb.controller.metrics;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A named metric with its help text, type, label names and current samples: one block of the
 * exposition.
 *
 * <p>Thread safety: immutable.
 */
public record MetricFamily(String name, String help, MetricType type, List<String> labelNames, List<Sample> samples) {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public MetricFamily {
        checkName(name);
        if (type == MetricType.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("counter " + name + " must end in _total");
        }
        labelNames = List.copyOf(labelNames);
        checkLabels(name, labelNames);
        samples = List.copyOf(samples);
        for (Sample s : samples) {
            if (s.labelValues().size() != labelNames.size()) {
                throw new IllegalArgumentException(name + " has labels " + labelNames + " but a sample has values "
                        + s.labelValues());
            }
        }
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
    }

    static void checkLabels(String metric, List<String> labelNames) {
        for (String l : labelNames) {
            if (!LABEL.matcher(l).matches() || l.startsWith("__")) {
                throw new IllegalArgumentException("not a label name in " + metric + ": " + l);
            }
        }
    }
}
