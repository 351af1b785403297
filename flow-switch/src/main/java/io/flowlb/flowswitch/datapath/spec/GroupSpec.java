package io.flowlb.flowswitch.datapath.spec;

import java.util.List;

/**
 * One group as a controller describes it.
 *
 * <p>Thread safety: immutable.
 */
public record GroupSpec(int groupId, GroupType type, List<Bucket> buckets) {
    /** {@code OFPG_MAX}: the highest group number. */
    public static final int MAX = 0xffffff00;
    /** {@code OFPG_ALL}: every group (DELETE, statistics). */
    public static final int ALL = 0xfffffffc;
    /** {@code OFPG_ANY}: no group (filters, watch). */
    public static final int ANY = 0xffffffff;

    public GroupSpec {
        buckets = List.copyOf(buckets);
    }

    public static GroupSpec of(int groupId, GroupType type, Bucket... buckets) {
        return new GroupSpec(groupId, type, List.of(buckets));
    }
}
