/**
 * The master module (WO 00/30294, item 54): from members' raw load reports, health and
 * agent-check replies to the integer weights that the configuration table's Maglev lookup
 * tables are built from; plus availability clustering and router-pool selection
 * (WO 99/33227).
 *
 * <p>Design notes:
 * <ul>
 *   <li><b>Functional core.</b> Everything here is a pure function of its inputs, which include
 *       {@code now} in milliseconds: no clock, no thread, no I/O, no logging. State between
 *       steps ({@link io.flowlb.loadbalancer.distribution.MemberState},
 *       {@link io.flowlb.loadbalancer.distribution.PoolDistribution},
 *       {@link io.flowlb.loadbalancer.distribution.RouterSelector}) is immutable and threaded
 *       through by its single owner, the controller's LB loop, which also decides when to step
 *       (timer and events). Tests drive it with a manual clock.</li>
 *   <li><b>Pipeline per pool.</b> reports -> {@link io.flowlb.loadbalancer.distribution.LoadEstimate}
 *       (EWMA, stale reports ignored) -> {@link io.flowlb.loadbalancer.distribution.WeightCalculator}
 *       (the algorithm) -> {@link io.flowlb.loadbalancer.distribution.AvailabilityCluster}
 *       (primary/secondary pools only) -> {@link io.flowlb.loadbalancer.distribution.Hysteresis}
 *       (publish or hold), all in one
 *       {@link io.flowlb.loadbalancer.distribution.DistributionEngine#step}.</li>
 *   <li><b>Two kinds of change.</b> Decisions (health, admin state, drain, configured weight,
 *       agent percentage, membership) are published at once; measurements (connections, load)
 *       go through smoothing and hysteresis so weights do not flap. A weight change only affects
 *       new connections: the connection table keeps existing ones where they are.</li>
 *   <li><b>Output contract.</b> {@link io.flowlb.loadbalancer.distribution.MemberWeight}: weight
 *       &gt;= 1 for members taking new connections, 0 otherwise; {@code alive} tells whether a
 *       member's existing connections stay (drain) or are re-selected (down, maint).</li>
 *   <li>Nothing here runs on the per-packet path; allocation is fine.</li>
 * </ul>
 *
 * <p>Thread safety: every type is immutable or stateless.
 */
package io.flowlb.loadbalancer.distribution;
