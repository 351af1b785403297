/**
 * The master module (WO 00/30294 item 54) in the controller: member states in, published load
 * distributions out.
 *
 * <p>Design notes:
 * <ul>
 *   <li>The decisions are the core's pure functions ({@code io.flowlb.loadbalancer.distribution}:
 *       {@code DistributionEngine.step} with {@code now} passed in). This package only feeds
 *       them and publishes their output: {@link io.flowlb.controller.master.MasterModule} keeps
 *       the member states (configuration, health from the resource manager, agent reports,
 *       agent-check lines, connection counts) and steps every pool on change and every report
 *       interval; changed distributions go to the LB application's
 *       {@link io.flowlb.controller.lb.DistributionSink}.</li>
 *   <li>One owner: all state lives on the LB control thread ({@code lb-control}); timers reach it
 *       through {@link io.flowlb.controller.master.ControlScheduler}. Readers (REST, dashboard,
 *       metrics) get the immutable {@link io.flowlb.controller.master.MasterSnapshot}, replaced
 *       after every step, and {@link io.flowlb.controller.master.MasterDistributionView} combines
 *       it with the LB application's traffic counters.</li>
 *   <li>Tests drive the module with a manual clock on the test thread and a recording sink.</li>
 * </ul>
 *
 * <p>Thread safety: see each class; everything that mutates runs on {@code lb-control}.
 */
package io.flowlb.controller.master;
