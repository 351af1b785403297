package io.flowlb.flowswitch.datapath.spec;

/** An OFPMP_AGGREGATE reply. */
public record AggregateStats(long packets, long bytes, int flowCount) {
}
