/**
 * The reactive installer: per-connection flows installed on a connection's first packet, for
 * switches without groups, VIPs configured reactive, and pools with a draining member on switches
 * whose groups do not keep connections (Open vSwitch). Selection is the core's: a
 * {@link io.flowlb.loadbalancer.table.ConnectionTable} owned by the LB control thread in front of
 * weighted Maglev ({@link io.flowlb.loadbalancer.select.Selector}), so a connection keeps its member
 * across weight changes and drains. Also the director that answers what reaches the controller
 * for a VIP on such switches: resets for invalid services, echo replies.
 *
 * <p>Thread safety: {@link io.flowlb.controller.lb.reactive.VipDirector} runs on the event thread;
 * {@link io.flowlb.controller.lb.reactive.ReactiveInstaller} is confined to {@code lb-control}.
 */
package io.flowlb.controller.lb.reactive;
