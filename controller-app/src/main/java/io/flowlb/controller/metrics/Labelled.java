package io.flowlb.controller.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The part of a registered metric shared by counters and gauges: its name, help, label names and
 * one child value per distinct tuple of label values, created on first use.
 *
 * <p>Thread safety: children are created through a concurrent map; any thread may use them.
 */
abstract sealed class Labelled<C> permits Counter, Gauge {
    private final String name;
    private final String help;
    private final MetricType type;
    private final List<String> labelNames;
    private final Map<List<String>, C> children = new ConcurrentHashMap<>();
    private final Supplier<C> newChild;

    Labelled(String name, String help, MetricType type, List<String> labelNames, Supplier<C> newChild) {
        MetricFamily.checkName(name);
        MetricFamily.checkLabels(name, labelNames);
        this.name = name;
        this.help = help;
        this.type = type;
        this.labelNames = List.copyOf(labelNames);
        this.newChild = newChild;
    }

    public String name() {
        return name;
    }

    public List<String> labelNames() {
        return labelNames;
    }

    /** The value holder for these label values (one per label name, in order). */
    public C labels(String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got "
                    + Arrays.toString(labelValues));
        }
        for (String v : labelValues) {
            if (v == null) {
                throw new IllegalArgumentException(name + ": a label value is null");
            }
        }
        return children.computeIfAbsent(List.of(labelValues), k -> newChild.get());
    }

    abstract double read(C child);

    MetricFamily family() {
        List<Sample> samples = new ArrayList<>(children.size());
        for (Map.Entry<List<String>, C> e : children.entrySet()) {
            samples.add(new Sample(e.getKey(), read(e.getValue())));
        }
        samples.sort((a, b) -> String.join("\u0000", a.labelValues())
                .compareTo(String.join("\u0000", b.labelValues())));
        return new MetricFamily(name, help, type, labelNames, samples);
    }
}
