package io.flowlb.flowswitch.datapath.spec;

/**
 * The filter of an OFPMP_FLOW or OFPMP_AGGREGATE request: flows in {@code tableId} (or every
 * table with {@link FlowMod#ALL_TABLES}) whose match is covered by {@code match}, whose cookie
 * equals {@code cookie} under {@code cookieMask}, that output to {@code outPort} and to
 * {@code outGroup} (ANY = no filter).
 *
 * <p>Thread safety: immutable.
 */
public record FlowStatsRequest(int tableId, int outPort, int outGroup, long cookie, long cookieMask, Match match) {
    /** Every flow of every table. */
    public static FlowStatsRequest all() {
        return new FlowStatsRequest(FlowMod.ALL_TABLES, PortNumbers.ANY, GroupSpec.ANY, 0, 0, Match.ALL);
    }
}
