package io.flowlb.controller.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every metric of one controller: counters and gauges registered by the components that own
 * them, and collectors that read other state at scrape time. One instance per process, made by
 * the composition root and handed to each component.
 *
 * <p>Names are unique: registering a second counter or gauge of one name returns the first when
 * type and labels agree and fails otherwise, so two components cannot silently share a series.
 * A collector that throws, or repeats a registered name, loses its families for that scrape and
 * is logged once.
 *
 * <p>Thread safety: registration and scraping may happen from any thread.
 */
public final class MetricRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(MetricRegistry.class);

    private final List<Labelled<?>> metrics = new CopyOnWriteArrayList<>();
    private final List<Collector> collectors = new CopyOnWriteArrayList<>();
    private final Set<String> failedCollectors = ConcurrentHashMap.newKeySet();

    /** A counter named {@code name} (ending in {@code _total}) with these label names. */
    public synchronized Counter counter(String name, String help, String... labelNames) {
        Labelled<?> existing = find(name);
        if (existing != null) {
            return same(existing, Counter.class, labelNames);
        }
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter " + name + " must end in _total");
        }
        Counter c = new Counter(name, help, List.of(labelNames));
        metrics.add(c);
        return c;
    }

    public synchronized Gauge gauge(String name, String help, String... labelNames) {
        Labelled<?> existing = find(name);
        if (existing != null) {
            return same(existing, Gauge.class, labelNames);
        }
        Gauge g = new Gauge(name, help, List.of(labelNames));
        metrics.add(g);
        return g;
    }

    public void register(Collector collector) {
        collectors.add(collector);
    }

    public void unregister(Collector collector) {
        collectors.remove(collector);
    }

    /** Every family, registered metrics first in registration order, then the collectors'. */
    public List<MetricFamily> scrape() {
        List<MetricFamily> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Labelled<?> m : metrics) {
            out.add(m.family());
            names.add(m.name());
        }
        for (Collector c : collectors) {
            List<MetricFamily> fams;
            try {
                fams = c.collect();
            } catch (RuntimeException e) {
                failed(c, e.toString(), e);
                continue;
            }
            List<MetricFamily> accepted = new ArrayList<>(fams.size());
            boolean clash = false;
            for (MetricFamily f : fams) {
                if (!names.add(f.name())) {
                    clash = true;
                    failed(c, "repeats the metric name " + f.name(), null);
                } else {
                    accepted.add(f);
                }
            }
            out.addAll(clash ? accepted : fams);
        }
        return out;
    }

    /** The Prometheus text exposition of {@link #scrape()}. */
    public String scrapeText() {
        StringBuilder b = new StringBuilder(4096);
        PrometheusText.write(scrape(), b);
        return b.toString();
    }

    private void failed(Collector c, String why, Throwable t) {
        if (failedCollectors.add(c.getClass().getName() + why)) {
            LOG.warn("metrics collector {} failed: {}; its families are left out of the scrape (logged once)",
                    c.getClass().getName(), why, t);
        }
    }

    private Labelled<?> find(String name) {
        for (Labelled<?> m : metrics) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static <T extends Labelled<?>> T same(Labelled<?> existing, Class<T> type, String... labelNames) {
        if (!type.isInstance(existing) || !existing.labelNames().equals(List.of(labelNames))) {
            throw new IllegalArgumentException("metric " + existing.name() + " is already registered with another type"
                    + " or other labels");
        }
        return type.cast(existing);
    }
}
