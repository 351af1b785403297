package io.flowlb.flowswitch.datapath;

/**
 * Connections placed on each SELECT bucket (new, re-selected and adopted ones) since the bucket
 * appeared in its group: {@code placed[bucket]} holds one cell per thread, {@link #STRIDE} longs
 * apart so that two pollers never write one cache line. A poller adds to its own cell with a
 * plain write.
 *
 * <p>Design: the cells belong to the bucket, not to the group's current bucket order. A
 * GROUP_MOD MODIFY hands a bucket whose key ({@link BucketKeys}: its actions) is still in the
 * group the very same array, so no count is lost while pollers still run the previous snapshot,
 * and a bucket whose actions changed gets fresh zeroed cells.
 *
 * <p>Thread safety: the arrays are built on the control thread; each cell has one writing thread;
 * readers ({@link #sum}) see each cell's latest or a slightly older value.
 */
final class Placements {
    /** Longs between two threads' cells: one 64-byte cache line. */
    static final int STRIDE = 8;

    private Placements() {
    }

    /** Zeroed cells for {@code buckets} buckets and {@code threads} threads. */
    static long[][] fresh(int buckets, int threads) {
        long[][] placed = new long[buckets][];
        for (int b = 0; b < buckets; b++) {
            placed[b] = new long[threads * STRIDE];
        }
        return placed;
    }

    /**
     * The cells for a group's new buckets ({@code newKeys}): a bucket whose key was in the group
     * before ({@code oldKeys}, {@code old}) keeps its cells, any other starts at zero.
     */
    static long[][] carry(long[] oldKeys, long[][] old, long[] newKeys, int threads) {
        long[][] placed = new long[newKeys.length][];
        for (int b = 0; b < newKeys.length; b++) {
            for (int o = 0; o < oldKeys.length && placed[b] == null; o++) {
                placed[b] = oldKeys[o] == newKeys[b] ? old[o] : null;
            }
            if (placed[b] == null) {
                placed[b] = new long[threads * STRIDE];
            }
        }
        return placed;
    }

    /** One bucket's connections placed, summed over the threads. */
    static long sum(long[] cells) {
        long s = 0;
        for (int i = 0; i < cells.length; i += STRIDE) {
            s += cells[i];
        }
        return s;
    }
}
