/**
 * The OpenFlow 1.3 agent of flow-switch: connections to controllers and from tools, and the
 * translation between OpenFlow messages and the datapath's plain-Java control API
 * ({@link io.flowlb.flowswitch.datapath.DatapathControl}). OpenFlowJ types stop here: the datapath
 * only ever sees {@code io.flowlb.flowswitch.datapath.spec} records.
 *
 * <p>Threads: one Netty event loop thread is the agent thread. It runs every OpenFlow channel
 * (active controller connections and the passive listener), the datapath's control-side
 * housekeeping ({@code doWork}: packet-in rings, flow expiry, port changes) and the fail-mode
 * policy, so the agent is the single writer of the datapath's flow and group state without a
 * queue between Netty and the agent: requests are applied in arrival order, which is what makes
 * BARRIER trivially correct. OpenFlow traffic is small next to the packet path, which never
 * touches this thread.
 *
 * <p>Bad input (malformed or fuzzed messages, unsupported requests, handler failures) is answered
 * with an OpenFlow ERROR, counted and logged once per kind ({@link io.flowlb.flowswitch.ofagent.ProblemLog});
 * a stream that can no longer be framed closes only its own session.
 */
package io.flowlb.flowswitch.ofagent;
