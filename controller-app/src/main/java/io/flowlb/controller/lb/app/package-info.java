/**
 * The load-balancer application: the shell that keeps every capable switch in the state the
 * {@linkplain io.flowlb.controller.lb.install planner} computes.
 *
 * <p>{@link io.flowlb.controller.lb.app.LoadBalancerApp} owns the inputs on the LB control thread
 * ({@code lb-control}): the configuration (it is an {@link io.flowlb.controller.lb.LbConfigListener}),
 * the effective weights (it is the {@link io.flowlb.controller.lb.DistributionSink} of the master
 * module; until a pool is published, the configuration's own weights), the members' places
 * (configured or learned MACs, ARP-probed when unknown), the switches and their profiles
 * (flow-switch is recognised by its description and keeps connections in its groups). Any change
 * asks for one coalesced reconcile: plan every switch, send the difference in one batch confirmed
 * by a barrier; a switch that connects gets everything, one that rejects a batch is re-installed.
 *
 * <p>Thread safety: state confined to {@code lb-control}; switch, host and topology events and
 * packet processor hand-offs reach it through {@link io.flowlb.controller.lb.app.LbEventRelay}.
 */
package io.flowlb.controller.lb.app;
