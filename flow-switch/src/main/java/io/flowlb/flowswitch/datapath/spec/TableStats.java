package io.flowlb.flowswitch.datapath.spec;

/** One table's entry in an OFPMP_TABLE reply. */
public record TableStats(int tableId, int activeCount, long lookupCount, long matchedCount) {
}
