package io.flowlb.flowswitch.datapath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flow table's wildcard lookup: tuple-space search, as in Open vSwitch. Flows are grouped
 * by mask; each distinct mask gets a subtable, an open-addressing hash of the masked key
 * words. A lookup probes the subtables in order of their highest priority and stops as soon as
 * no remaining subtable can beat the best match so far, so a table of a thousand flows that
 * share a handful of masks costs a handful of hash probes.
 *
 * <p>Two flows with the same mask and value select the same packets; only the higher priority
 * one can ever match, so a subtable keeps just that one.
 *
 * <p>Thread safety: immutable after construction (built on the control thread, published in a
 * {@link Snapshot}); {@link #lookup} is safe from any number of pollers.
 */
final class Classifier {
    static final Classifier EMPTY = new Classifier(new Subtable[0]);

    private final Subtable[] subtables;

    private Classifier(Subtable[] subtables) {
        this.subtables = subtables;
    }

    /** Builds the classifier of one table from its flows ({@code flows[i].index} must be i's
     *  position in the snapshot's flow array). */
    static Classifier build(List<CompiledFlow> flows) {
        if (flows.isEmpty()) {
            return EMPTY;
        }
        // Highest priority first (stable: the older flow first on a tie), so each subtable keeps the winner.
        List<CompiledFlow> sorted = new ArrayList<>(flows);
        sorted.sort((a, b) -> Integer.compare(b.priority, a.priority));
        Map<MaskKey, List<CompiledFlow>> byMask = new LinkedHashMap<>();
        for (CompiledFlow f : sorted) {
            byMask.computeIfAbsent(new MaskKey(f.mask), k -> new ArrayList<>()).add(f);
        }
        List<Subtable> subs = new ArrayList<>(byMask.size());
        for (Map.Entry<MaskKey, List<CompiledFlow>> e : byMask.entrySet()) {
            subs.add(new Subtable(e.getKey().mask, e.getValue()));
        }
        subs.sort((a, b) -> Integer.compare(b.maxPriority, a.maxPriority));
        return new Classifier(subs.toArray(new Subtable[0]));
    }

    /**
     * The highest-priority flow matching {@code key}: its index in the snapshot's flow array,
     * or -1 when none matches.
     */
    int lookup(long[] key, CompiledFlow[] flows) {
        int best = -1;
        int bestPriority = -1;
        for (Subtable st : subtables) {
            if (st.maxPriority <= bestPriority) {
                break;
            }
            int idx = st.find(key);
            if (idx >= 0 && flows[idx].priority > bestPriority) {
                best = idx;
                bestPriority = flows[idx].priority;
            }
        }
        return best;
    }

    int subtableCount() {
        return subtables.length;
    }

    /** The mask of a subtable as a hash-map key while building. */
    private record MaskKey(long[] mask) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MaskKey m && Arrays.equals(mask, m.mask);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(mask);
        }
    }

    /** The flows of one mask: open addressing over the masked words that are not all zero. */
    private static final class Subtable {
        final int[] words;
        final long[] mask;
        final long[] keys;
        final int[] flowIndex;
        final int slotMask;
        final int maxPriority;

        Subtable(long[] fullMask, List<CompiledFlow> flows) {
            int n = 0;
            for (long m : fullMask) {
                n += m != 0 ? 1 : 0;
            }
            words = new int[n];
            mask = new long[n];
            for (int w = 0, i = 0; w < fullMask.length; w++) {
                if (fullMask[w] != 0) {
                    words[i] = w;
                    mask[i++] = fullMask[w];
                }
            }
            int slots = Integer.highestOneBit(Math.max(2, flows.size() * 2 - 1)) << 1;
            slotMask = slots - 1;
            keys = new long[slots * Math.max(1, n)];
            flowIndex = new int[slots];
            Arrays.fill(flowIndex, -1);
            int maxP = -1;
            for (CompiledFlow f : flows) {
                insert(f);
                maxP = Math.max(maxP, f.priority);
            }
            maxPriority = maxP;
        }

        private void insert(CompiledFlow f) {
            long h = 0;
            for (int i = 0; i < words.length; i++) {
                h = HeaderKey.combine(h, f.value[words[i]]);
            }
            int slot = (int) HeaderKey.finish(h) & slotMask;
            while (true) {
                int existing = flowIndex[slot];
                if (existing < 0) {
                    flowIndex[slot] = f.index;
                    for (int i = 0; i < words.length; i++) {
                        keys[slot * words.length + i] = f.value[words[i]];
                    }
                    return;
                }
                if (sameValue(slot, f.value)) {
                    // Same packets as the one already stored: keep the higher priority (or the older on a tie).
                    return;
                }
                slot = (slot + 1) & slotMask;
            }
        }

        private boolean sameValue(int slot, long[] value) {
            for (int i = 0; i < words.length; i++) {
                if (keys[slot * words.length + i] != value[words[i]]) {
                    return false;
                }
            }
            return true;
        }

        int find(long[] key) {
            int n = words.length;
            long h = 0;
            for (int i = 0; i < n; i++) {
                h = HeaderKey.combine(h, key[words[i]] & mask[i]);
            }
            int slot = (int) HeaderKey.finish(h) & slotMask;
            while (true) {
                int idx = flowIndex[slot];
                if (idx < 0) {
                    return -1;
                }
                int base = slot * n;
                boolean eq = true;
                for (int i = 0; i < n && eq; i++) {
                    eq = keys[base + i] == (key[words[i]] & mask[i]);
                }
                if (eq) {
                    return idx;
                }
                slot = (slot + 1) & slotMask;
            }
        }
    }
}
