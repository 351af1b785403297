package io.flowlb.controller.metrics;

import java.util.List;

/**
 * Produces metric families at scrape time from state that lives elsewhere (views, counters of
 * other components). Called on the scraping thread: it must only read published snapshots and
 * never block for long.
 *
 * <p>Thread safety: may be called from several scraping threads at once.
 */
@FunctionalInterface
public interface Collector {
    List<MetricFamily> collect();
}
