package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.packet.FlowKey;

import java.util.Arrays;

/**
 * Builds weighted Maglev lookup tables (Eisenbud et al., "Maglev: A Fast and Reliable Software
 * Network Load Balancer", NSDI 2016): an array of a prime size M whose entries are member
 * indices, such that each member owns a share of entries proportional to its weight and a change
 * of the member set moves few entries of the other members.
 *
 * <p>Design. Each member has a permutation of the table positions, {@code offset + j * skip mod M},
 * with offset and skip taken from two seeded hashes of its stable backend key (never from its
 * index), so the same members give the same table on every JVM, switch and controller. Members
 * take turns; on its turn a member claims the next free position of its permutation. Weights
 * change how often a member gets a turn: each round a member adds its weight to a credit and
 * takes a turn when the credit reaches the largest weight (then pays that back), so a member of
 * the largest weight turns every round and one of half that weight every other round. Shares thus
 * follow weights to within a few entries, and with equal weights this is exactly the paper's
 * algorithm. Members turn in ascending order of their backend key, so the input order does not
 * matter either. Weight 0 means not in the table.
 *
 * <p>Cost: about M ln M probes for equal weights (M = 65537: well under 5 ms); skewed weights add
 * up to (largest weight / smallest weight) idle credit steps per turn of the smallest member.
 *
 * <p>Thread safety: a builder keeps scratch arrays; use one per thread (the control thread).
 * Tables it returns are never written again.
 */
public final class MaglevTableBuilder {
    /** The default table size: a prime comfortably above 100 x the largest expected member count. */
    public static final int DEFAULT_SIZE = 65537;
    /** Returned by lookups in a table with no eligible member. */
    public static final int EMPTY = -1;
    private static final long OFFSET_SEED = 0x6A09_E667_F3BC_C908L;
    private static final long SKIP_SEED = 0xBB67_AE85_84CA_A73BL;

    private final int size;
    private int[] order = new int[0];
    private long[] sortedKeys = new long[0];
    private int[] position = new int[0];
    private int[] skip = new int[0];
    private long[] credit = new long[0];

    public MaglevTableBuilder() {
        this(DEFAULT_SIZE);
    }

    /** @param size the table size: a prime, at least 3 */
    public MaglevTableBuilder(int size) {
        if (size < 3 || !isPrime(size)) {
            throw new IllegalArgumentException("Maglev table size must be a prime >= 3, got " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (int d = 3; (long) d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Builds the table of the first {@code count} members: {@code keys} are their stable backend keys
     * (distinct), {@code weights} their weights (>= 0; 0 = not in the table). Returns a new array of
     * {@link #size()} member indices, every entry {@link #EMPTY} when no member has a weight.
     */
    public int[] build(long[] keys, int[] weights, int count) {
        int[] table = new int[size];
        build(keys, weights, count, table);
        return table;
    }

    /** As {@link #build(long[], int[], int)}, into {@code table} (length {@link #size()}). */
    public void build(long[] keys, int[] weights, int count, int[] table) {
        if (table.length != size) {
            throw new IllegalArgumentException("table length " + table.length + " is not the Maglev size " + size);
        }
        Arrays.fill(table, EMPTY);
        int eligible = prepare(keys, weights, count);
        if (eligible == 0) {
            return;
        }
        long maxWeight = 0;
        for (int r = 0; r < eligible; r++) {
            maxWeight = Math.max(maxWeight, weights[order[r]]);
        }
        int filled = 0;
        while (true) {
            for (int r = 0; r < eligible; r++) {
                int member = order[r];
                credit[r] += weights[member];
                if (credit[r] < maxWeight) {
                    continue;
                }
                credit[r] -= maxWeight;
                table[claim(table, r)] = member;
                if (++filled == size) {
                    return;
                }
            }
        }
    }

    /** The next free position in the permutation of the member turning at rank {@code r}. */
    private int claim(int[] table, int r) {
        int c = position[r];
        int step = skip[r];
        while (table[c] != EMPTY) {
            c += step;
            if (c >= size) {
                c -= size;
            }
        }
        int next = c + step;
        position[r] = next >= size ? next - size : next;
        return c;
    }

    /** Orders the members with a weight by key and sets up their permutations; returns how many there are. */
    private int prepare(long[] keys, int[] weights, int count) {
        if (count < 0 || count > keys.length || count > weights.length) {
            throw new IllegalArgumentException("member count " + count + " exceeds the arrays given");
        }
        ensureCapacity(count);
        int eligible = 0;
        for (int i = 0; i < count; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weight of backend " + keys[i] + " is negative: " + weights[i]);
            }
            if (weights[i] > 0) {
                sortedKeys[eligible++] = keys[i];
            }
        }
        Arrays.sort(sortedKeys, 0, eligible);
        for (int r = 1; r < eligible; r++) {
            if (sortedKeys[r] == sortedKeys[r - 1]) {
                throw new IllegalArgumentException("duplicate backend key " + sortedKeys[r]);
            }
        }
        for (int i = 0; i < count; i++) {
            if (weights[i] > 0) {
                order[Arrays.binarySearch(sortedKeys, 0, eligible, keys[i])] = i;
            }
        }
        for (int r = 0; r < eligible; r++) {
            long k = sortedKeys[r];
            position[r] = (int) Long.remainderUnsigned(FlowKey.mix(k ^ OFFSET_SEED), size);
            skip[r] = (int) Long.remainderUnsigned(FlowKey.mix(k ^ SKIP_SEED), size - 1) + 1;
            credit[r] = 0;
        }
        return eligible;
    }

    private void ensureCapacity(int count) {
        if (order.length < count) {
            order = new int[count];
            sortedKeys = new long[count];
            position = new int[count];
            skip = new int[count];
            credit = new long[count];
        }
    }
}
