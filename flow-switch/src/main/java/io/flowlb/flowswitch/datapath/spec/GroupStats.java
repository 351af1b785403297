package io.flowlb.flowswitch.datapath.spec;

import java.util.List;

/**
 * One group's entry in an OFPMP_GROUP reply.
 *
 * @param refCount the number of flows and groups that point at this group
 * @param buckets per-bucket counters, in bucket order
 *
 * <p>Thread safety: immutable.
 */
public record GroupStats(int groupId, int refCount, long packets, long bytes, long durationNanos,
        List<BucketStats> buckets) {
    public GroupStats {
        buckets = List.copyOf(buckets);
    }

    /** One bucket's counters. */
    public record BucketStats(long packets, long bytes) {
    }
}
