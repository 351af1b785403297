package io.flowlb.flowswitch.datapath.spec;

/**
 * The connections of one SELECT group, per bucket in the group's current bucket order:
 * {@code active[i]} connections the switch's connection tables hold for bucket i now (not yet
 * expired, every poller summed), {@code total[i]} connections placed on it (new, re-selected and
 * adopted) since the bucket appeared in the group.
 *
 * <p>Thread safety: immutable once built (the arrays are not shared with anyone who writes them).
 */
public record SelectConnections(int groupId, long[] active, long[] total) {
    public int buckets() {
        return active.length;
    }
}
