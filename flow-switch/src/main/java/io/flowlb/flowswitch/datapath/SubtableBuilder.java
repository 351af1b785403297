package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.Match;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The control side of one {@link Subtable}: every flow of one mask in one table, changed in
 * place between publications and frozen by {@link #snapshot()}.
 *
 * <p>Design: copy-on-write by chunk. The arrays of the last published {@link Subtable} are never
 * written again; the first write to a chunk after a publication copies that chunk (and the
 * small arrays of chunk pointers), later writes in the same batch go to the copy. A batch of k
 * changes therefore costs O(k) plus at most one copy of each chunk it touches, and the
 * untouched chunks are shared by both snapshots. Growth doubles the slots at half load
 * (amortised O(1) per add). Removal shifts the following entries of the probe run back
 * (no tombstones), so lookups stay as short as at insertion.
 *
 * <p>A slot holds the highest-priority flow of its value (the older one on a tie); flows with
 * the same value and lower priority wait in {@link #shadows} and take the slot when it frees.
 * {@link #members} lists every flow (for non-strict selection and statistics), each entry
 * knowing its position there so that removal is O(1).
 *
 * <p>Thread safety: owned by the control thread.
 */
final class SubtableBuilder {
    /** The mask in full key shape, shared by the compiled flows of this subtable. */
    final long[] fullMask;
    final List<FlowEntry> members = new ArrayList<>();
    private final int[] words;
    private final long[] mask;
    private final int n;
    private final IntFunction<FlowEntry> entryBySlot;
    private final Map<WordsKey, List<FlowEntry>> shadows = new HashMap<>();
    private final TreeMap<Integer, Integer> priorities = new TreeMap<>();
    private long[][] keys;
    private CompiledFlow[][] flows;
    private int[] chunkEpoch;
    private int slotMask;
    private int chunkBits;
    private int occupied;
    private int epoch = 1;
    private boolean rootShared;
    private Subtable published;

    SubtableBuilder(long[] fullMask, IntFunction<FlowEntry> entryBySlot) {
        this.fullMask = fullMask;
        this.entryBySlot = entryBySlot;
        int count = 0;
        for (long m : fullMask) {
            count += m != 0 ? 1 : 0;
        }
        n = count;
        words = new int[n];
        mask = new long[n];
        for (int w = 0, i = 0; w < fullMask.length; w++) {
            if (fullMask[w] != 0) {
                words[i] = w;
                mask[i++] = fullMask[w];
            }
        }
        allocate(2);
    }

    int size() {
        return members.size();
    }

    /** Adds a flow whose compiled mask is {@link #fullMask}. */
    void add(FlowEntry e) {
        e.pos = members.size();
        members.add(e);
        priorities.merge(e.compiled.priority, 1, Integer::sum);
        long[] k = compact(valueOf(e));
        int slot = probe(k);
        if (slot < 0) {
            if ((occupied + 1) * 2 > slotMask + 1) {
                allocate((slotMask + 1) * 2);
                slot = probe(k);
            }
            put(~slot, k, e.compiled);
            occupied++;
            return;
        }
        CompiledFlow winner = flowAt(slot);
        if (e.compiled.priority > winner.priority) {
            setFlow(slot, e.compiled);
            shadow(k, entryBySlot.apply(winner.index));
        } else {
            shadow(k, e);
        }
    }

    /** The entry's compiled flow changed from {@code old} (same match and priority). */
    void replaced(FlowEntry e, CompiledFlow old) {
        int slot = probe(compact(valueOf(e)));
        if (slot >= 0 && flowAt(slot) == old) {
            setFlow(slot, e.compiled);
        }
    }

    /** Removes a flow of this subtable; a shadowed flow of the same value takes its slot. */
    void remove(FlowEntry e) {
        FlowEntry last = members.remove(members.size() - 1);
        if (last != e) {
            members.set(e.pos, last);
            last.pos = e.pos;
        }
        priorities.compute(e.compiled.priority, (p, c) -> c == 1 ? null : c - 1);
        long[] k = compact(valueOf(e));
        int slot = probe(k);
        WordsKey vk = new WordsKey(k);
        List<FlowEntry> waiting = shadows.get(vk);
        if (slot >= 0 && flowAt(slot) == e.compiled) {
            if (waiting == null) {
                delete(slot);
                occupied--;
                return;
            }
            FlowEntry next = waiting.get(0);
            for (FlowEntry w : waiting) {
                next = w.compiled.priority > next.compiled.priority ? w : next;
            }
            waiting.remove(next);
            setFlow(slot, next.compiled);
        } else if (waiting != null) {
            waiting.remove(e);
        }
        if (waiting != null && waiting.isEmpty()) {
            shadows.remove(vk);
        }
    }

    /** Adds to {@code out} every flow whose value (masked by this mask) is {@code value}'s. */
    void collectEqual(long[] value, List<FlowEntry> out) {
        long[] k = compact(value);
        int slot = probe(k);
        if (slot >= 0) {
            out.add(entryBySlot.apply(flowAt(slot).index));
            List<FlowEntry> waiting = shadows.get(new WordsKey(k));
            if (waiting != null) {
                out.addAll(waiting);
            }
        }
    }

    /** The flow of exactly this match and priority (value in full key shape), or null. */
    FlowEntry find(long[] value, int priority, Match match) {
        List<FlowEntry> same = new ArrayList<>(1);
        collectEqual(value, same);
        for (FlowEntry e : same) {
            if (e.spec.priority() == priority && e.spec.match().equals(match)) {
                return e;
            }
        }
        return null;
    }

    /** The subtable as it is now, for a snapshot; later changes copy what they write. */
    Subtable snapshot() {
        if (published == null) {
            published = new Subtable(words, mask, keys, flows, slotMask, chunkBits,
                    priorities.isEmpty() ? -1 : priorities.lastKey());
            rootShared = true;
            epoch++;
        }
        return published;
    }

    /** Slots (for the memory figures): twice the distinct values at most, once at least. */
    int slots() {
        return slotMask + 1;
    }

    private void shadow(long[] k, FlowEntry e) {
        shadows.computeIfAbsent(new WordsKey(k), x -> new ArrayList<>(1)).add(e);
    }

    /** A flow's masked value in full key shape (derived from its match: flows do not keep it). */
    private static long[] valueOf(FlowEntry e) {
        return FlowCompiler.encode(e.spec.match())[0];
    }

    private long[] compact(long[] value) {
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
            k[i] = value[words[i]] & mask[i];
        }
        return k;
    }

    /** The slot holding {@code k}, or {@code ~slot} of the empty slot where it would go. */
    private int probe(long[] k) {
        int slot = Subtable.home(k, 0, n, slotMask);
        int localMask = (1 << chunkBits) - 1;
        while (true) {
            int c = slot >>> chunkBits;
            int local = slot & localMask;
            if (flows[c][local] == null) {
                return ~slot;
            }
            if (Arrays.equals(keys[c], local * n, local * n + n, k, 0, n)) {
                return slot;
            }
            slot = (slot + 1) & slotMask;
        }
    }

    private CompiledFlow flowAt(int slot) {
        return flows[slot >>> chunkBits][slot & ((1 << chunkBits) - 1)];
    }

    private void put(int slot, long[] k, CompiledFlow f) {
        int c = writable(slot);
        int local = slot & ((1 << chunkBits) - 1);
        System.arraycopy(k, 0, keys[c], local * n, n);
        flows[c][local] = f;
    }

    private void setFlow(int slot, CompiledFlow f) {
        int c = writable(slot); // first: it may replace the arrays that the write below goes to
        flows[c][slot & ((1 << chunkBits) - 1)] = f;
    }

    /** Empties a slot, moving later entries of its probe run back so none becomes unreachable. */
    private void delete(int hole) {
        int localMask = (1 << chunkBits) - 1;
        int j = hole;
        while (true) {
            j = (j + 1) & slotMask;
            int c = j >>> chunkBits;
            int local = j & localMask;
            CompiledFlow f = flows[c][local];
            if (f == null) {
                break;
            }
            int home = Subtable.home(keys[c], local * n, n, slotMask);
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                put(hole, Arrays.copyOfRange(keys[c], local * n, local * n + n), f);
                hole = j;
            }
        }
        setFlow(hole, null);
    }

    /** The chunk of {@code slot}, made private to this batch (copied once after a publication). */
    private int writable(int slot) {
        int c = slot >>> chunkBits;
        if (rootShared) {
            keys = keys.clone();
            flows = flows.clone();
            rootShared = false;
        }
        if (chunkEpoch[c] != epoch) {
            keys[c] = keys[c].clone();
            flows[c] = flows[c].clone();
            chunkEpoch[c] = epoch;
        }
        published = null;
        return c;
    }

    /** New arrays of {@code slots} slots holding the current slot flows (all private to this batch). */
    private void allocate(int slots) {
        long[][] oldKeys = keys;
        CompiledFlow[][] oldFlows = flows;
        chunkBits = Math.min(Integer.numberOfTrailingZeros(slots), Subtable.CHUNK_BITS);
        int chunk = 1 << chunkBits;
        int chunks = slots >>> chunkBits;
        keys = new long[chunks][chunk * n];
        flows = new CompiledFlow[chunks][chunk];
        chunkEpoch = new int[chunks];
        Arrays.fill(chunkEpoch, epoch);
        slotMask = slots - 1;
        rootShared = false;
        published = null;
        if (oldFlows == null) {
            return;
        }
        for (int c = 0; c < oldFlows.length; c++) {
            for (int local = 0; local < oldFlows[c].length; local++) {
                if (oldFlows[c][local] != null) {
                    long[] k = Arrays.copyOfRange(oldKeys[c], local * n, local * n + n);
                    put(~probe(k), k, oldFlows[c][local]);
                }
            }
        }
    }

}
