package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.SelectConnections;
import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.table.ConnState;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.EntryVisitor;
import java.util.ArrayList;
import java.util.List;

/**
 * A count of the connections per SELECT bucket, taken in two steps so that the expensive one
 * runs where it stalls nothing: {@link Datapath#selectConnections} captures, under the control
 * lock, the groups asked for (their ids, bucket keys and connections placed, which costs the
 * number of buckets), and {@link #run} then walks every pipeline's connection table on the
 * calling thread, racily and without stopping the pollers ({@link ConnectionTable#forEach}),
 * counting the entries of each (group id = zone, bucket key = backend key) that are active:
 * established TCP connections and UDP or other-protocol flows, not idle past their state's
 * timeout. Half-open (SYN seen) and closing TCP connections are not active, as IPVS's ActiveConn
 * counts them. The walk reads every slot of every table once and allocates
 * nothing per entry: a table of 1M entries has 1.33M slots of 64 bytes (85 MB), which took about
 * 20 ms once compiled (50 ms the first times) on a busy two-core machine.
 *
 * <p>The counts are statistics: an entry that moves while the walk passes may be seen twice or
 * missed, as {@link io.flowlb.loadbalancer.table.EntryVisitor} says.
 *
 * <p>Thread safety: {@link #run} may be called from any thread, once at a time per query, while
 * the datapath is open.
 */
public final class SelectConnectionsQuery {
    private static final SelectConnectionsQuery EMPTY = new SelectConnectionsQuery(new int[0], new long[0][],
            new long[0][], List.of(), new long[ConnState.COUNT], 0);

    private final int[] groupIds;
    private final long[][] bucketKeys;
    private final long[][] totals;
    private final List<ConnectionTable> tables;
    private final long[] timeoutByState;
    private final long now;

    SelectConnectionsQuery(int[] groupIds, long[][] bucketKeys, long[][] totals, List<ConnectionTable> tables,
            long[] timeoutByState, long now) {
        this.groupIds = groupIds;
        this.bucketKeys = bucketKeys;
        this.totals = totals;
        this.tables = tables;
        this.timeoutByState = timeoutByState;
        this.now = now;
    }

    /** A query with no groups (a datapath without SELECT support). */
    public static SelectConnectionsQuery empty() {
        return EMPTY;
    }

    /** The number of groups the answer will hold. */
    public int groups() {
        return groupIds.length;
    }

    /** Walks the connection tables and returns one entry per group, in the captured order. */
    public List<SelectConnections> run() {
        BucketIndex index = new BucketIndex(Math.max(1, bucketCount()));
        int[] first = new int[groupIds.length + 1];
        for (int g = 0; g < groupIds.length; g++) {
            first[g + 1] = first[g] + bucketKeys[g].length;
            for (int b = 0; b < bucketKeys[g].length; b++) {
                index.put(groupIds[g], bucketKeys[g][b], first[g] + b);
            }
        }
        Counter counter = new Counter(index, new long[first[groupIds.length]], timeoutByState, now);
        FlowKey scratch = new FlowKey();
        for (ConnectionTable t : tables) {
            if (groupIds.length > 0) {
                t.forEach(scratch, counter);
            }
        }
        List<SelectConnections> out = new ArrayList<>(groupIds.length);
        for (int g = 0; g < groupIds.length; g++) {
            long[] active = new long[bucketKeys[g].length];
            System.arraycopy(counter.active, first[g], active, 0, active.length);
            out.add(new SelectConnections(groupIds[g], active, totals[g].clone()));
        }
        return out;
    }

    private int bucketCount() {
        int n = 0;
        for (long[] k : bucketKeys) {
            n += k.length;
        }
        return n;
    }

    /** Counts the live entries of the indexed buckets. */
    private static final class Counter implements EntryVisitor {
        private final BucketIndex index;
        final long[] active;
        private final long[] timeoutByState;
        private final long now;

        Counter(BucketIndex index, long[] active, long[] timeoutByState, long now) {
            this.index = index;
            this.active = active;
            this.timeoutByState = timeoutByState;
            this.now = now;
        }

        @Override
        public void visit(FlowKey key, int zone, int state, long backendKey, long lastSeen) {
            if (state < 0 || state >= timeoutByState.length || now - lastSeen > timeoutByState[state]) {
                return; // idle past its timeout (the sweep has not removed it yet), or read mid-update
            }
            if (state == ConnState.SYN_SEEN || state == ConnState.CLOSING) {
                return; // half-open or closing: not active (as IPVS counts ActiveConn)
            }
            int i = index.get(zone, backendKey);
            if (i >= 0) {
                active[i]++;
            }
        }
    }
}
