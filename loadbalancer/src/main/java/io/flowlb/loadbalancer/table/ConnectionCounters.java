package io.flowlb.loadbalancer.table;

/**
 * The counters of one {@link ConnectionTable}: written by the table's owning thread, readable from
 * any thread (metrics export, the agent).
 */
public final class ConnectionCounters extends OwnedCounters {
    public static final int SIZE = 0;
    public static final int INSERTS = 1;
    public static final int HITS = 2;
    public static final int MISSES = 3;
    public static final int EXPIRED = 4;
    public static final int TABLE_FULL = 5;
    public static final int EVICTIONS = 6;
    public static final int REMOVED = 7;
    public static final int PAIR_COLLISIONS = 8;
    public static final int SWEEP_ROUNDS = 9;
    public static final int CONNECTIONS = 10;

    ConnectionCounters() {
        super("size", "inserts", "hits", "misses", "expired", "table_full", "evictions", "removed",
                "pair_collisions", "sweep_rounds", "connections");
    }

    /** Entries (slots) in use; a NAT connection takes two. */
    public long size() {
        return get(SIZE);
    }

    /** Connections in the table: {@link #size()} less the reply keys of NAT connections. */
    public long connections() {
        return get(CONNECTIONS);
    }

    public long inserts() {
        return get(INSERTS);
    }

    public long hits() {
        return get(HITS);
    }

    public long misses() {
        return get(MISSES);
    }

    /** Connections removed by the expiry sweep. */
    public long expired() {
        return get(EXPIRED);
    }

    /** Inserts refused because the table was at its maximum and nothing could be evicted. */
    public long tableFull() {
        return get(TABLE_FULL);
    }

    /** Half-open or idle connections evicted to make room in a full table. */
    public long evictions() {
        return get(EVICTIONS);
    }

    /** Connections removed explicitly by the owner. */
    public long removed() {
        return get(REMOVED);
    }

    /** Keys that could not be recorded because another connection's reply key held them. */
    public long pairCollisions() {
        return get(PAIR_COLLISIONS);
    }

    /** Completed rounds of the expiry sweep over the whole table. */
    public long sweepRounds() {
        return get(SWEEP_ROUNDS);
    }
}
