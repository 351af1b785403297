/**
 * A small metrics registry and its Prometheus text exposition ({@code /metrics}).
 *
 * <p>Design notes:
 * <ul>
 *   <li>Components own their metrics: they register a labelled {@link
 *       io.flowlb.controller.metrics.Counter} or {@link io.flowlb.controller.metrics.Gauge} once at
 *       start and keep the handle; updating is a lookup of the label values and a
 *       {@code LongAdder} increment, with no lock.</li>
 *   <li>Values that already live elsewhere (the distribution of a VIP, a switch's flow count)
 *       are not copied into gauges: a {@link io.flowlb.controller.metrics.Collector} reads them at
 *       scrape time, so they cannot go stale and a removed VIP leaves no orphan series.</li>
 *   <li>The text format is Prometheus' version 0.0.4: {@code # HELP} and {@code # TYPE} lines,
 *       label values escaped ({@code \\}, {@code \"}, {@code \n}), counters named
 *       {@code *_total}.</li>
 *   <li>No third-party library: the format is small and stable.</li>
 * </ul>
 *
 * <p>Thread safety: every type here may be used from any thread.
 */
package io.flowlb.controller.metrics;
