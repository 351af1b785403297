package io.flowlb.controller.metrics;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonically increasing count with labels, such as requests by route and status. Obtain it
 * from {@link MetricRegistry#counter}; keep the handle.
 *
 * <p>Thread safety: any thread may increment; increments never lock.
 */
public final class Counter extends Labelled<LongAdder> {

    Counter(String name, String help, List<String> labelNames) {
        super(name, help, MetricType.COUNTER, labelNames, LongAdder::new);
    }

    /** Adds one to the count with these label values. */
    public void inc(String... labelValues) {
        labels(labelValues).increment();
    }

    /** Adds {@code n} (at least 0) to the count with these label values. */
    public void add(long n, String... labelValues) {
        if (n < 0) {
            throw new IllegalArgumentException(name() + ": a counter cannot go down (" + n + ")");
        }
        labels(labelValues).add(n);
    }

    /** The current count with these label values (0 when never incremented). */
    public long value(String... labelValues) {
        return labels(labelValues).sum();
    }

    @Override
    double read(LongAdder child) {
        return child.sum();
    }
}
