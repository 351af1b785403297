package io.flowlb.flowswitch.datapath;

/**
 * A poller's exact-match cache in front of the classifier: the full header key of a packet to
 * the flows it hit, table by table (OpenFlow pipelines are deterministic given the headers, so
 * replaying the same flows is exact). Like the exact-match cache of Open vSwitch it is
 * two-way set associative and never grows; a miss costs one classifier walk, and is cached (in
 * place of the older way) only with probability {@code 1/insertOneIn}. The sampling is what
 * keeps the cache useful when more flows are live than it has entries: overwriting on every miss
 * would make a cyclic pattern of 10,000 flows miss every time in 8,192 entries, while sampled
 * inserts keep most of the resident flows hitting; and a miss then costs no cache writes. A
 * flow that keeps coming is cached after about {@code insertOneIn} packets.
 *
 * <p>The cache only pays when walking the tables is dearer than probing it: with a few masks in
 * all (a VIP rule and a table-miss flow) the classifier costs a few hash probes, and a cache
 * probe under many live flows is itself a miss in the CPU caches. The pipeline therefore skips
 * it while the snapshot's tables hold fewer than {@code minSubtables} subtables.
 *
 * <p>Entries carry the generation of the snapshot they were computed from; a lookup with a newer
 * generation treats them as empty, so publishing a snapshot invalidates every cache at once
 * without touching it.
 *
 * <p>Layout: one {@code long[]} with {@link #STRIDE} longs (two cache lines) per entry, the two
 * ways of a set side by side, so a lookup reads four adjacent lines: {@code [generation, hash,
 * stamp, count, key0..key10, pad]}. The hits live in a separate {@code int[]},
 * {@code MAX_HITS} per entry: a flow slot, or {@code ~table} for a table that had no matching
 * flow (the packet is dropped there).
 *
 * <p>Thread safety: owned by one pipeline.
 */
final class MicroflowCache {
    static final int MAX_HITS = 16;
    private static final int STRIDE = 16;
    private static final int GENERATION = 0;
    private static final int HASH = 1;
    private static final int STAMP = 2;
    private static final int COUNT = 3;
    private static final int KEY = 4;

    private final long[] entries;
    private final int[] hits;
    private final int mask;
    private final int insertOneIn;
    private final int minSubtables;
    private long clock;
    private long random = 0x2545_F491_4F6C_DD1DL;

    /**
     * @param entries a power of two
     * @param insertOneIn cache a miss with probability 1/insertOneIn (1: always)
     * @param minSubtables consult the cache only for tables holding at least this many subtables
     */
    MicroflowCache(int entries, int insertOneIn, int minSubtables) {
        if (Integer.bitCount(entries) != 1 || entries < 2) {
            throw new IllegalArgumentException("cache entries must be a power of two >= 2: " + entries);
        }
        this.entries = new long[entries * STRIDE];
        for (int e = 0; e < entries; e++) {
            this.entries[e * STRIDE + GENERATION] = -1;
        }
        this.hits = new int[entries * MAX_HITS];
        this.mask = entries - 1;
        this.insertOneIn = insertOneIn;
        this.minSubtables = minSubtables;
    }

    /**
     * Whether the cache is worth a probe for a snapshot whose tables hold {@code subtables}
     * subtables: a classifier walk over a few masks costs no more than the probe.
     */
    boolean worthProbing(int subtables) {
        return subtables >= minSubtables;
    }

    /** Whether to cache this miss: always with 1, else with probability 1/insertOneIn (xorshift). */
    boolean sampleInsert() {
        if (insertOneIn == 1) {
            return true;
        }
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return Math.unsignedMultiplyHigh(x, insertOneIn) == 0;
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
            entries[a * STRIDE + STAMP] = ++clock;
            return a;
        }
        int b = a ^ 1;
        if (matches(b, key, hash, generation)) {
            entries[b * STRIDE + STAMP] = ++clock;
            return b;
        }
        return -1;
    }

    private boolean matches(int e, long[] key, long hash, long generation) {
        int base = e * STRIDE;
        long[] t = entries;
        if (t[base + GENERATION] != generation || t[base + HASH] != hash) {
            return false;
        }
        for (int i = 0; i < HeaderKey.WORDS; i++) {
            if (t[base + KEY + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Stores the hits of a key, replacing a stale or the least recently used way. */
    void insert(long[] key, long hash, long generation, int[] flowHits, int count) {
        long[] t = entries;
        int a = (int) hash & mask;
        int b = a ^ 1;
        int e = t[a * STRIDE + GENERATION] != generation ? a
                : t[b * STRIDE + GENERATION] != generation ? b
                : t[a * STRIDE + STAMP] <= t[b * STRIDE + STAMP] ? a : b;
        int base = e * STRIDE;
        System.arraycopy(key, 0, t, base + KEY, HeaderKey.WORDS);
        System.arraycopy(flowHits, 0, hits, e * MAX_HITS, count);
        t[base + COUNT] = count;
        t[base + HASH] = hash;
        t[base + GENERATION] = generation;
        t[base + STAMP] = ++clock;
    }

    int count(int entry) {
        return (int) entries[entry * STRIDE + COUNT];
    }

    int hit(int entry, int i) {
        return hits[entry * MAX_HITS + i];
    }
}
