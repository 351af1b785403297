package io.flowlb.flowswitch.datapath;

/**
 * The flows of one mask in one table as the pollers see them: an open-addressing (linear
 * probing) hash of the masked key words that are not all zero, split into chunks of at most
 * {@link #MAX_CHUNK} slots. The chunks are what makes the table cheap to change: the control
 * thread ({@link SubtableBuilder}) copies only the chunks a batch of changes touches and shares
 * the others with the previous snapshot, so adding one flow to a subtable of a million costs a
 * chunk copy, not a table copy.
 *
 * <p>Each slot holds the masked words ({@code keys[chunk][local * n + i]}) and the flow
 * ({@code flows[chunk][local]}; null = empty). Two flows with the same mask and value select the
 * same packets; only the higher priority one can ever match, so a slot holds just that one (the
 * builder keeps the others aside).
 *
 * <p>Thread safety: immutable once published (the builder never writes an array it has
 * published); {@link #find} is safe from any number of pollers and allocates nothing.
 */
final class Subtable {
    /**
     * 64 slots a chunk: a change copies one chunk (2.5 KB for a 5-word exact match) and, once per
     * publication, the chunk pointers (128 KB for a million flows), so a batch of random adds into
     * a big subtable copies a few KB per add and a lone add a few hundred KB at most.
     */
    static final int CHUNK_BITS = 6;
    static final int MAX_CHUNK = 1 << CHUNK_BITS;

    /** The key words the mask touches, and the mask of each. */
    final int[] words;
    final long[] mask;
    final long[][] keys;
    final CompiledFlow[][] flows;
    final int slotMask;
    final int chunkBits;
    /** An upper bound of the priorities held (exact when published by the builder). */
    final int maxPriority;

    Subtable(int[] words, long[] mask, long[][] keys, CompiledFlow[][] flows, int slotMask, int chunkBits,
            int maxPriority) {
        this.words = words;
        this.mask = mask;
        this.keys = keys;
        this.flows = flows;
        this.slotMask = slotMask;
        this.chunkBits = chunkBits;
        this.maxPriority = maxPriority;
    }

    /** The flow whose masked words equal the key's, or null. */
    CompiledFlow find(long[] key) {
        int n = words.length;
        long h = 0;
        for (int i = 0; i < n; i++) {
            h = HeaderKey.combine(h, key[words[i]] & mask[i]);
        }
        int slot = (int) HeaderKey.finish(h) & slotMask;
        int localMask = (1 << chunkBits) - 1;
        while (true) {
            int c = slot >>> chunkBits;
            int local = slot & localMask;
            CompiledFlow f = flows[c][local];
            if (f == null) {
                return null;
            }
            long[] k = keys[c];
            int base = local * n;
            boolean eq = true;
            for (int i = 0; i < n && eq; i++) {
                eq = k[base + i] == (key[words[i]] & mask[i]);
            }
            if (eq) {
                return f;
            }
            slot = (slot + 1) & slotMask;
        }
    }

    /** The home slot of the masked words {@code k[base..base+n)}: the hash {@link #find} computes. */
    static int home(long[] k, int base, int n, int slotMask) {
        long h = 0;
        for (int i = 0; i < n; i++) {
            h = HeaderKey.combine(h, k[base + i]);
        }
        return (int) HeaderKey.finish(h) & slotMask;
    }
}
