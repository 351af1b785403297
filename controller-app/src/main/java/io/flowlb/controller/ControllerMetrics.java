package io.flowlb.controller;

import io.flowlb.controller.lb.app.LoadBalancerApp;
import io.flowlb.controller.metrics.Collector;
import io.flowlb.controller.metrics.MetricFamily;
import io.flowlb.controller.metrics.MetricType;
import io.flowlb.controller.metrics.Sample;
import io.flowlb.controller.openflow.OpenFlowStats;
import io.flowlb.controller.pseudo.PseudoStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collectors for the counters the OpenFlow core, the pseudo-interface and the LB application keep
 * themselves ({@link OpenFlowStats}, {@link PseudoStats}, the reactive installer's, the ignored
 * answers of flow-switch's connections per SELECT bucket), read at scrape time: each counter
 * becomes {@code flowlb_openflow_<name>_total}, {@code flowlb_pseudo_<name>_total} (with the TAP
 * device's name as label {@code interface}), {@code flowlb_lb_reactive_<name>_total} or
 * {@code flowlb_lb_select_connections_<name>_total}. Per-switch and per-type message counts come
 * through the network view ({@link io.flowlb.controller.view.ViewMetrics}, which the REST API
 * registers with its routes).
 *
 * <p>Thread safety: stateless; the counters are thread-safe.
 */
final class ControllerMetrics {
    private ControllerMetrics() {
    }

    static Collector openflow(OpenFlowStats stats) {
        return () -> counters("flowlb_openflow_", "OpenFlow core: ", stats.snapshot(), List.of(), List.of());
    }

    static Collector reactive(LoadBalancerApp app) {
        return () -> counters("flowlb_lb_reactive_", "reactive VIPs: ", app.reactiveCounters(), List.of(), List.of());
    }

    static Collector selectConnections(LoadBalancerApp app) {
        return () -> counters("flowlb_lb_select_connections_", "flow-switch connections per SELECT bucket: ",
                app.selectConnectionCounters(), List.of(), List.of());
    }

    static Collector pseudo(String interfaceName, PseudoStats stats) {
        return () -> counters("flowlb_pseudo_", "pseudo-interface: ", stats.snapshot(), List.of("interface"),
                List.of(interfaceName));
    }

    private static List<MetricFamily> counters(String prefix, String helpPrefix, Map<String, Long> values,
                                               List<String> labels, List<String> labelValues) {
        List<MetricFamily> out = new ArrayList<>(values.size());
        for (Map.Entry<String, Long> e : values.entrySet()) {
            out.add(new MetricFamily(prefix + e.getKey() + "_total", helpPrefix + e.getKey().replace('_', ' ') + ".",
                    MetricType.COUNTER, labels, List.of(new Sample(labelValues, e.getValue()))));
        }
        return out;
    }
}
