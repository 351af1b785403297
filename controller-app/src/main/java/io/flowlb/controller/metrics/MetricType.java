package io.flowlb.controller.metrics;

import java.util.Locale;

/** The Prometheus metric types this registry writes. Thread safety: immutable. */
public enum MetricType {
    COUNTER,
    GAUGE;

    /** The word on the {@code # TYPE} line. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
