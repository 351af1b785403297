package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.table.ConnState;
import io.flowlb.loadbalancer.table.ConnectionTable;

/**
 * The load-balancing stage shared by the packet filter and the switch's SELECT groups: given a
 * packet's flow key and a service, the backend it goes to.
 *
 * <p>Rules. A connection in the table keeps its backend: a weight change or a new snapshot never
 * moves it, and a drained backend keeps its connections. If its backend was removed from the
 * service or is down, the connection is re-selected by Maglev and the entry updated (counted).
 * A new connection is picked by Maglev from the flow hash and recorded; if the table is full the
 * choice is still returned (consistent hashing keeps it stable while the backend set is) and counted
 * as unrecorded. A pure SYN on the tuple of a TCP connection past its handshake is a new
 * connection (the client reuses its port) and is picked like one. A TCP packet that is not a SYN and has no entry follows the
 * {@link MidConnectionPolicy} of its service ({@link ServiceTable#midConnection()}), or the
 * selector's own when the service has none. For a NAT service the connection is recorded under its reply key as
 * well ({@link ConnectionTable#REPLY_ZONE}), so the replies can be translated back.
 *
 * <p>The flow hash is {@link FlowKey#hash(long)} with a seed that must be the same on every switch
 * and controller of a deployment ({@link #DEFAULT_HASH_SEED} unless configured), so that they all
 * pick the same backend for the same flow.
 *
 * <p>Thread safety: a selector belongs to the thread that owns its connection table (one per
 * poller); it allocates nothing. Its counters are readable from any thread.
 */
public final class Selector {
    /** No backend is eligible for this packet (empty or fully drained service): drop it. */
    public static final int NO_BACKEND = -1;
    /** Mid-connection packet refused by {@link MidConnectionPolicy#STRICT}: send a TCP RST or drop. */
    public static final int REJECT = -2;
    /** {@link #lastOutcome()}: the packet's connection was found and keeps its backend. */
    public static final int HIT = 0;
    /** {@link #lastOutcome()}: a new connection, picked by Maglev. */
    public static final int NEW = 1;
    /** {@link #lastOutcome()}: a mid-connection packet without an entry, picked by hash and adopted. */
    public static final int ADOPTED = 2;
    /** {@link #lastOutcome()}: the connection's backend was removed or is down; picked again. */
    public static final int RESELECTED = 3;
    /** The flow hash seed used unless a deployment configures another one. */
    public static final long DEFAULT_HASH_SEED = 0x666C_6F77_6C62_0001L;

    private final ConnectionTable table;
    private final long hashSeed;
    private final MidConnectionPolicy policy;
    private final SelectorCounters counters = new SelectorCounters();
    private final FlowKey reply = new FlowKey();
    private int outcome;

    public Selector(ConnectionTable table, long hashSeed, MidConnectionPolicy policy) {
        this.table = table;
        this.hashSeed = hashSeed;
        this.policy = policy;
    }

    public Selector(ConnectionTable table) {
        this(table, DEFAULT_HASH_SEED, MidConnectionPolicy.CONSISTENT);
    }

    /**
     * The backend index in {@code svc} for this packet, {@link #NO_BACKEND} or {@link #REJECT}.
     *
     * @param key      the packet's flow key (client to VIP)
     * @param zone     the connection-table zone of the service (its id, or the group id; never
     *                 {@link ConnectionTable#REPLY_ZONE})
     * @param svc      the service's current snapshot
     * @param tcpFlags the TCP flags of the packet (0 for other protocols)
     * @param now      the caller's clock, nanoseconds
     */
    public int select(FlowKey key, int zone, ServiceTable svc, int tcpFlags, long now) {
        int slot = table.lookupConnection(key, zone);
        if (slot >= 0) {
            return existing(slot, key, zone, svc, tcpFlags, now);
        }
        boolean mid = ConnState.isMidConnection(key.protocol, tcpFlags);
        if (mid && policy(svc) == MidConnectionPolicy.STRICT) {
            counters.increment(SelectorCounters.REJECTED);
            return REJECT;
        }
        int pick = svc.pick(key.hash(hashSeed));
        if (pick < 0) {
            counters.increment(SelectorCounters.NO_BACKEND);
            return NO_BACKEND;
        }
        counters.increment(SelectorCounters.NEW_CONNECTIONS);
        outcome = NEW;
        if (mid) {
            counters.increment(SelectorCounters.ADOPTED);
            outcome = ADOPTED;
        }
        record(key, zone, svc, pick, tcpFlags, now);
        return pick;
    }

    /**
     * The reply direction of a NAT connection: finds the connection a backend's packet answers
     * (by its reply key, backend to client), applies its TCP flags and returns the connection's
     * forward slot, whose key ({@link ConnectionTable#copyKey}) holds the client and the VIP address
     * and port to restore; or {@link ConnectionTable#NOT_FOUND} (not a balanced connection).
     */
    public int reply(FlowKey key, int tcpFlags, long now) {
        int slot = table.lookup(key, ConnectionTable.REPLY_ZONE, now);
        if (slot < 0) {
            return ConnectionTable.NOT_FOUND;
        }
        table.updateState(slot, tcpFlags, now);
        counters.increment(SelectorCounters.REPLIES);
        return table.primary(slot);
    }

    /**
     * A packet of a connection the table just found ({@code slot}, its primary). A pure SYN on
     * the tuple of a connection past its handshake (established or closing: the client reuses
     * the port) opens a new connection, which is placed by the current distribution like any
     * other new one; a retransmitted SYN of a connection still in its handshake keeps its backend
     * while that backend takes new connections.
     */
    private int existing(int slot, FlowKey key, int zone, ServiceTable svc, int tcpFlags, long now) {
        int index = foundIndex(svc);
        boolean syn = ConnState.isPureSyn(key.protocol, tcpFlags);
        if (syn && table.foundState() != ConnState.SYN_SEEN) {
            return reopened(slot, index, key, zone, svc, tcpFlags, now);
        }
        if (index >= 0 && svc.isAlive(index) && (!syn || svc.acceptsNew(index))) {
            table.updateFound(tcpFlags, now);
            counters.hitCount++; // a field, not a call: see SelectorCounters
            outcome = HIT;
            return index;
        }
        int pick = svc.pick(key.hash(hashSeed));
        if (pick < 0) {
            table.updateFound(0, now); // keep the entry, seen now: its backend may come back
            counters.increment(SelectorCounters.NO_BACKEND);
            return NO_BACKEND;
        }
        counters.increment(SelectorCounters.RESELECTED);
        outcome = RESELECTED;
        table.remove(slot); // the reply key of a NAT connection changes with the backend
        record(key, zone, svc, pick, tcpFlags, now);
        return pick;
    }

    /**
     * The index in {@code svc} of the backend of the connection just found, or -1: the index
     * recorded with the connection when it still names that backend (one array read), else by the
     * service's map, and then recorded for the next packets (the backend set changed since).
     */
    private int foundIndex(ServiceTable svc) {
        long backendKey = table.foundBackendKey();
        int hint = table.foundBackendHint();
        if (svc.hasBackendAt(hint, backendKey)) {
            return hint;
        }
        int index = svc.indexOf(backendKey);
        if (index >= 0) {
            table.hintFound(index);
        }
        return index;
    }

    /** A new connection on the tuple of an old one: the current distribution places it. */
    private int reopened(int slot, int index, FlowKey key, int zone, ServiceTable svc, int tcpFlags, long now) {
        int pick = svc.pick(key.hash(hashSeed));
        if (pick < 0) {
            table.updateFound(0, now);
            counters.increment(SelectorCounters.NO_BACKEND);
            return NO_BACKEND;
        }
        counters.increment(SelectorCounters.NEW_CONNECTIONS);
        outcome = NEW;
        if (pick == index) {
            table.updateFound(tcpFlags, now); // back to SYN_SEEN, same backend
            return pick;
        }
        table.remove(slot);
        record(key, zone, svc, pick, tcpFlags, now);
        return pick;
    }

    /** The service's own mid-connection policy, else this selector's. */
    private MidConnectionPolicy policy(ServiceTable svc) {
        MidConnectionPolicy own = svc.midConnection();
        return own != null ? own : policy;
    }

    /**
     * How the last {@link #select} that returned a backend got it: {@link #HIT}, {@link #NEW},
     * {@link #ADOPTED} or {@link #RESELECTED} (meaningless after {@link #NO_BACKEND} or {@link #REJECT}).
     */
    public int lastOutcome() {
        return outcome;
    }

    private void record(FlowKey key, int zone, ServiceTable svc, int pick, int tcpFlags, long now) {
        long backendKey = svc.backendKey(pick);
        int slot;
        if (svc.mode() == ServiceTable.MODE_NAT) {
            replyKey(key, svc, pick);
            slot = table.insertPair(key, zone, reply, ConnectionTable.REPLY_ZONE, backendKey, pick, tcpFlags, now);
        } else {
            slot = table.insert(key, zone, backendKey, pick, tcpFlags, now);
        }
        if (slot < 0) {
            counters.increment(SelectorCounters.UNRECORDED);
        }
    }

    /**
     * The tuple of the backend's answers after NAT: backend address and port to the client. A
     * protocol without ports keeps its zero ports whatever port the backend is given.
     */
    private void replyKey(FlowKey key, ServiceTable svc, int pick) {
        int port = svc.backendPort(pick);
        boolean keepPort = port == ServiceTable.ALL
                || (key.protocol != ConnState.PROTO_TCP && key.protocol != ConnState.PROTO_UDP);
        reply.setV6(svc.addressHi(pick), svc.addressLo(pick), key.srcHi, key.srcLo, key.protocol,
                keepPort ? key.dstPort : port, key.srcPort);
    }

    public ConnectionTable table() {
        return table;
    }

    public MidConnectionPolicy policy() {
        return policy;
    }

    public SelectorCounters counters() {
        return counters;
    }
}
