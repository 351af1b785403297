package io.flowlb.loadbalancer.table;

import io.flowlb.loadbalancer.packet.FlowKey;

/**
 * The last lookup miss of a {@link ConnectionTable}: the key, its hash and the free slot that
 * ended its probe, stamped with the table's modification count.
 *
 * <p>Why: a new connection is looked up (miss), then inserted. Without this memo the insert hashes
 * the key again and probes the same cluster up to twice more; with it, an insert of the key that
 * just missed, with no insertion or removal in between, goes straight to the free slot. The key is
 * copied and compared field by field, so a caller that changes its key object in between, or
 * inserts another key, simply takes the full path.
 *
 * <p>Thread safety: none; part of its table, owned by the table's thread.
 */
final class LastMiss {
    private final FlowKey key = new FlowKey();
    private int zone;
    private long stamp = -1;
    long hash;
    int free;

    void remember(FlowKey k, int keyZone, long keyHash, int freeSlot, long modifications) {
        key.copyFrom(k);
        zone = keyZone;
        hash = keyHash;
        free = freeSlot;
        stamp = modifications;
    }

    /** True when the last miss was {@code k} in {@code keyZone} and the table has not changed since. */
    boolean isFor(FlowKey k, int keyZone, long modifications) {
        return stamp == modifications && zone == keyZone && key.sameTuple(k);
    }
}
