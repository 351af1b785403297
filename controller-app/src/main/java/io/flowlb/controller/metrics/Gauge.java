package io.flowlb.controller.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A value that goes up and down, with labels. Prefer a {@link Collector} when the value already
 * lives in another component; use a gauge for values the component itself sets.
 *
 * <p>Thread safety: any thread may set or add; the double is held as bits in an {@link AtomicLong}.
 */
public final class Gauge extends Labelled<AtomicLong> {

    Gauge(String name, String help, List<String> labelNames) {
        super(name, help, MetricType.GAUGE, labelNames, () -> new AtomicLong(Double.doubleToRawLongBits(0.0)));
    }

    public void set(double value, String... labelValues) {
        labels(labelValues).set(Double.doubleToRawLongBits(value));
    }

    public void add(double delta, String... labelValues) {
        AtomicLong bits = labels(labelValues);
        long old;
        do {
            old = bits.get();
        } while (!bits.compareAndSet(old, Double.doubleToRawLongBits(Double.longBitsToDouble(old) + delta)));
    }

    public double value(String... labelValues) {
        return Double.longBitsToDouble(labels(labelValues).get());
    }

    @Override
    double read(AtomicLong child) {
        return Double.longBitsToDouble(child.get());
    }
}
