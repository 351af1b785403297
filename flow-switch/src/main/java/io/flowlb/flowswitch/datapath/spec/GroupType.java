package io.flowlb.flowswitch.datapath.spec;

/** {@code ofp_group_type} of OpenFlow 1.3 with its wire numbers. */
public enum GroupType {
    /** Every bucket, each on its own copy of the frame (multicast, flooding). */
    ALL(0),
    /** One bucket per connection: the load-balancing stage (connection table, then weighted
     *  Maglev on new connections). */
    SELECT(1),
    /** The single bucket (a shared next hop). */
    INDIRECT(2),
    /** The first live bucket (watch port up, watch group live). */
    FAST_FAILOVER(3);

    private final int ofType;

    GroupType(int ofType) {
        this.ofType = ofType;
    }

    public int ofType() {
        return ofType;
    }

    /** The type with this wire number, or null. */
    public static GroupType ofType(int t) {
        for (GroupType g : values()) {
            if (g.ofType == t) {
                return g;
            }
        }
        return null;
    }
}
