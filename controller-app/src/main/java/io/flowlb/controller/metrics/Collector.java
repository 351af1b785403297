package io.flowlb.controller.metrics;

import java.util.List;

/**
 * Produces metric families at scrape time from state that lives elsewhere (views, counters of
 * other components). Called on the scraping thread: it must only read published snapshots and
 * never block for long.
 */
@FunctionalInterface
public interface Collector {
    List<MetricFamily> collect();
}
