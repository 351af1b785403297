package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.loadbalancer.select.ServiceTable;

/**
 * One group as the pollers see it: the bucket programs, the liveness computed from the ports
 * when the snapshot was built, and for SELECT the {@link ServiceTable} (weighted Maglev over the
 * live buckets) that the load-balancing stage consults on new connections.
 *
 * <p>Counters: {@code counters[thread]} is that thread's array of
 * {@code [packets, bytes, bucket0 packets, bucket0 bytes, ...]}; one array per thread, so
 * pollers never write the same memory. {@code placed[bucket]} counts the connections placed on a
 * SELECT bucket, one cell per thread ({@link Placements}).
 *
 * <p>Thread safety: immutable but for the counter arrays, each written by one thread.
 */
final class CompiledGroup {
    static final int TYPE_ALL = 0;
    static final int TYPE_SELECT = 1;
    static final int TYPE_INDIRECT = 2;
    static final int TYPE_FAST_FAILOVER = 3;

    final int slot;
    final int groupId;
    final int type;
    final Program[] buckets;
    /** FAST_FAILOVER: the first live bucket, -1 when none is live. */
    final int liveBucket;
    /** SELECT: the Maglev table over the buckets (backend index = bucket index); else null. */
    final ServiceTable service;
    final long[][] counters;
    /** SELECT: connections placed per bucket, per thread ({@link Placements}). */
    final long[][] placed;

    CompiledGroup(int slot, int groupId, GroupType type, Program[] buckets, int liveBucket, ServiceTable service,
            long[][] counters, long[][] placed) {
        this.slot = slot;
        this.groupId = groupId;
        this.type = type.ofType();
        this.buckets = buckets;
        this.liveBucket = liveBucket;
        this.service = service;
        this.counters = counters;
        this.placed = placed;
    }
}
