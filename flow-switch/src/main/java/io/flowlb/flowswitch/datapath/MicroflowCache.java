package io.flowlb.flowswitch.datapath;

import java.util.Arrays;

/**
 * A poller's exact-match cache in front of the classifier: the full header key of a packet to
 * the flows it hit, table by table (OpenFlow pipelines are deterministic given the headers, so
 * replaying the same flows is exact). Like the exact-match cache of Open vSwitch it is
 * two-way set associative and never grows; a miss costs one classifier walk and overwrites the
 * older way.
 *
 * <p>Entries carry the generation of the snapshot they were computed from; a lookup with a newer
 * generation treats them as empty, so publishing a snapshot invalidates every cache at once
 * without touching it.
 *
 * <p>Entry layout: {@code MAX_HITS} ints per entry, each a flow slot, or {@code ~table} for a
 * table that had no matching flow (the packet is dropped there).
 *
 * <p>Thread safety: owned by one pipeline.
 */
final class MicroflowCache {
    static final int MAX_HITS = 16;

    private final long[] keys;
    private final long[] generations;
    private final long[] hashes;
    private final int[] hits;
    private final byte[] counts;
    private final long[] stamps;
    private final int mask;
    private long clock;

    /** @param entries a power of two */
    MicroflowCache(int entries) {
        if (Integer.bitCount(entries) != 1 || entries < 2) {
            throw new IllegalArgumentException("cache entries must be a power of two >= 2: " + entries);
        }
        keys = new long[entries * HeaderKey.WORDS];
        generations = new long[entries];
        Arrays.fill(generations, -1);
        hashes = new long[entries];
        hits = new int[entries * MAX_HITS];
        counts = new byte[entries];
        stamps = new long[entries];
        mask = entries - 1;
    }

    /**
     * The key's hash: each word times its own odd constant, summed (the multiplies are
     * independent, so they overlap in the CPU instead of forming one long chain), then mixed.
     */
    static long hash(long[] key) {
        long h = key[0] * 0x9E37_79B9_7F4A_7C15L + key[1] * 0xC2B2_AE3D_27D4_EB4FL
                + key[2] * 0x1656_67B1_9E37_79F9L + key[3] * 0x85EB_CA77_C2B2_AE63L
                + key[4] * 0x27D4_EB2F_1656_67C5L + key[5] * 0xD6E8_FEB8_6659_FD93L
                + key[6] * 0xA076_1D64_78BD_642FL + key[7] * 0xE703_7ED1_A0B4_28DBL
                + key[8] * 0x8EBC_6AF0_9C88_C6E3L + key[9] * 0x5899_65CC_7537_4CC3L
                + key[10] * 0x1D8E_4E27_C47D_124FL;
        return HeaderKey.finish(h);
    }

    /** The entry holding {@code key} for this generation, or -1. */
    int find(long[] key, long hash, long generation) {
        int a = (int) hash & mask;
        if (matches(a, key, hash, generation)) {
            stamps[a] = ++clock;
            return a;
        }
        int b = a ^ 1;
        if (matches(b, key, hash, generation)) {
            stamps[b] = ++clock;
            return b;
        }
        return -1;
    }

    private boolean matches(int e, long[] key, long hash, long generation) {
        if (generations[e] != generation || hashes[e] != hash) {
            return false;
        }
        int base = e * HeaderKey.WORDS;
        for (int i = 0; i < HeaderKey.WORDS; i++) {
            if (keys[base + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Stores the hits of a key, replacing a stale or the least recently used way. */
    void insert(long[] key, long hash, long generation, int[] flowHits, int count) {
        int a = (int) hash & mask;
        int b = a ^ 1;
        int e = generations[a] != generation ? a
                : generations[b] != generation ? b
                : stamps[a] <= stamps[b] ? a : b;
        System.arraycopy(key, 0, keys, e * HeaderKey.WORDS, HeaderKey.WORDS);
        System.arraycopy(flowHits, 0, hits, e * MAX_HITS, count);
        counts[e] = (byte) count;
        hashes[e] = hash;
        generations[e] = generation;
        stamps[e] = ++clock;
    }

    int count(int entry) {
        return counts[entry];
    }

    int hit(int entry, int i) {
        return hits[entry * MAX_HITS + i];
    }
}
