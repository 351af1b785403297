package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.table.OwnedCounters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters of one {@link Selector}: written by its owning thread, readable from any thread.
 *
 * <p>{@link #HITS}, counted for nearly every packet, is a field the selector increments in place
 * rather than an array element behind a method call: in the packet filter's compiled
 * path, which is at the JIT's inlining budget by then, a call would stay a call.
 */
public final class SelectorCounters extends OwnedCounters {
    private static final VarHandle HIT_COUNT;

    static {
        try {
            HIT_COUNT = MethodHandles.lookup().findVarHandle(SelectorCounters.class, "hitCount", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The {@link #HITS} count: written by the owner only, with a plain write (see {@link OwnedCounters}). */
    long hitCount;

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

    @Override
    public long get(int id) {
        return id == HITS ? (long) HIT_COUNT.getOpaque(this) : super.get(id);
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
