/**
 * The load-balancer application: the shell that keeps every capable switch in the state the
 * {@linkplain io.flowlb.controller.lb.install planner} computes.
 *
 * <p>{@link io.flowlb.controller.lb.app.LoadBalancerApp} owns the inputs on the LB control thread
 * ({@code lb-control}): the configuration (it is an {@link io.flowlb.controller.lb.LbConfigListener}),
 * the effective weights (it is the {@link io.flowlb.controller.lb.DistributionSink} of the master
 * module; until a pool is published, the configuration's own weights), the members' places
 * (configured or learned MACs, ARP-probed when unknown), router health
 * ({@link io.flowlb.controller.lb.router.RouterHealth}), and which VIPs are frozen on switches
 * whose groups do not keep connections ({@link io.flowlb.controller.lb.app.FreezeTracker}). Any
 * change asks for one coalesced reconcile: plan every switch, send the difference in one batch
 * confirmed by a barrier ({@link io.flowlb.controller.lb.app.SwitchInstallers}: a switch that
 * connects gets everything, flow-switch is recognised by its description, a switch that rejects a
 * batch is re-installed after a hold-off).
 *
 * <p>Read model for the REST API and the dashboard: {@link
 * io.flowlb.controller.lb.app.LbDistributionView} (weights as installed, health as published,
 * shares and traffic measured from the groups' bucket counters, connections from the reactive
 * installer and from flow-switch's groups ({@link io.flowlb.controller.lb.app.SelectConnections}),
 * polled by {@link io.flowlb.controller.lb.app.LbStatistics}); the controller shows its traffic counters beside
 * the master module's weights and health. Switches, flows, groups, hosts and connections are
 * {@link io.flowlb.controller.view.SwitchNetworkView}'s.
 *
 * <p>Thread safety: state confined to {@code lb-control}; switch, host and topology events and
 * packet processor hand-offs reach it through {@link io.flowlb.controller.lb.app.LbEventRelay};
 * the views publish immutable snapshots or ask the switches.
 */
package io.flowlb.controller.lb.app;
