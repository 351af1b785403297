/**
 * Read-only views that the REST API, the dashboard and the metrics read, and that other parts of
 * the controller fill in: {@link io.flowlb.controller.view.DistributionView} (the LB application:
 * weights, health, shares and counters per VIP and member) and
 * {@link io.flowlb.controller.view.NetworkView} (the OpenFlow core: switches, ports, flows,
 * groups, hosts, sampled connections).
 *
 * <p>Design notes:
 * <ul>
 *   <li>Plain records of strings and numbers, independent of OpenFlowJ, so that a view is a thin
 *       adapter over {@code SwitchService}/{@code HostService} and tests can stub it.</li>
 *   <li>What needs a round trip to a switch (flow, group and port statistics, connection
 *       samples) is a {@link java.util.concurrent.CompletableFuture}; what the controller
 *       already holds is returned at once.</li>
 *   <li>Until the real producers are wired, {@link io.flowlb.controller.view.NetworkViewAdapter}
 *       shows an empty network and {@link io.flowlb.controller.view.ConfiguredDistributionView}
 *       shows the weights the configuration alone implies.</li>
 * </ul>
 *
 * <p>Thread safety: implementations must be callable from any thread (REST handlers run on
 * virtual threads, scrapes on the scraping thread); the records are immutable.
 */
package io.flowlb.controller.view;
