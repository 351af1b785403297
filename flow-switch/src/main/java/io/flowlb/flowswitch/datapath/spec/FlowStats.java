package io.flowlb.flowswitch.datapath.spec;

/**
 * One flow's entry in an OFPMP_FLOW reply.
 *
 * <p>Thread safety: immutable.
 */
public record FlowStats(FlowSpec spec, long durationNanos, long packets, long bytes) {
}
