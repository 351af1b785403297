package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.table.OwnedCounters;

/** The counters of one {@link Selector}: written by its owning thread, readable from any thread. */
public final class SelectorCounters extends OwnedCounters {
    public static final int HITS = 0;
    public static final int NEW_CONNECTIONS = 1;
    public static final int ADOPTED = 2;
    public static final int RESELECTED = 3;
    public static final int UNRECORDED = 4;
    public static final int REJECTED = 5;
    public static final int NO_BACKEND = 6;
    public static final int REPLIES = 7;

    SelectorCounters() {
        super("hits", "new_connections", "adopted", "reselected", "unrecorded", "rejected", "no_backend", "replies");
    }

    /** Packets of a recorded connection sent to its recorded backend. */
    public long hits() {
        return get(HITS);
    }

    /** Connections chosen by Maglev (recorded or not), adopted ones included. */
    public long newConnections() {
        return get(NEW_CONNECTIONS);
    }

    /** Mid-connection packets without an entry that were picked by hash and adopted. */
    public long adopted() {
        return get(ADOPTED);
    }

    /** Connections moved because their backend was removed or went down. */
    public long reselected() {
        return get(RESELECTED);
    }

    /** Choices that could not be recorded because the connection table was full. */
    public long unrecorded() {
        return get(UNRECORDED);
    }

    /** Mid-connection packets refused under {@link MidConnectionPolicy#STRICT}. */
    public long rejected() {
        return get(REJECTED);
    }

    /** Packets for a service with no eligible backend. */
    public long noBackend() {
        return get(NO_BACKEND);
    }

    /** Reply-direction packets of NAT connections found by {@link Selector#reply}. */
    public long replies() {
        return get(REPLIES);
    }
}
