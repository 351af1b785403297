package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.packet.FlowKey;

import java.util.Arrays;

/**
 * The immutable snapshot of one service, a VIP of the packet filter or a SELECT group of the
 * switch: its backends as primitive arrays and the weighted Maglev table that picks among them.
 *
 * <p>Design. A backend is identified by a stable {@code long} key (what the connection table
 * stores) and found by index (what Maglev returns); {@link #indexOf} maps one to the other through a
 * small open-addressing map, without allocation. Each backend has a weight, an {@code alive}
 * flag (health: a dead backend's connections are re-selected) and an {@code acceptsNew} flag
 * (drain: alive, keeps its connections, gets no new ones). The Maglev table holds only backends
 * that are alive, accept new connections and have a weight, so {@link #pick} never returns an
 * ineligible one. The rewrite data of a backend (address, port, MAC) rides along for the packet
 * filter, as do the VIP's own MAC and its mid-connection policy; a switch group ignores them and
 * maps the index to its bucket.
 *
 * <p>Thread safety: immutable after {@link Builder#build}; published to pollers by the
 * {@link ConfigTable} (or the switch's group table) with a release store, read freely.
 */
public final class ServiceTable {
    /** Direct server return: rewrite the destination MAC only. */
    public static final int MODE_DSR = 0;
    /** NAT: rewrite destination MAC, address and port, and the source of the replies. */
    public static final int MODE_NAT = 1;
    /** Port value meaning "every port" (and protocol value meaning "every IP protocol"). */
    public static final int ALL = 0;

    private final int id;
    private final long generation;
    private final long vipHi;
    private final long vipLo;
    private final int protocol;
    private final int port;
    private final int mode;
    private final long vipMac;
    private final MidConnectionPolicy midConnection;
    private final int count;
    private final long[] keys;
    private final int[] weights;
    private final boolean[] alive;
    private final boolean[] acceptsNew;
    private final long[] addrHi;
    private final long[] addrLo;
    private final int[] ports;
    private final long[] macs;
    private final int[] maglev;
    private final int[] indexSlots;
    private final int eligible;

    private ServiceTable(Builder b, long generation, MaglevTableBuilder maglevBuilder) {
        this.id = b.id;
        this.generation = generation;
        this.vipHi = b.vipHi;
        this.vipLo = b.vipLo;
        this.protocol = b.protocol;
        this.port = b.port;
        this.mode = b.mode;
        this.vipMac = b.vipMac;
        this.midConnection = b.midConnection;
        this.count = b.count;
        this.keys = Arrays.copyOf(b.keys, count);
        this.weights = Arrays.copyOf(b.weights, count);
        this.alive = Arrays.copyOf(b.alive, count);
        this.acceptsNew = Arrays.copyOf(b.acceptsNew, count);
        this.addrHi = Arrays.copyOf(b.addrHi, count);
        this.addrLo = Arrays.copyOf(b.addrLo, count);
        this.ports = Arrays.copyOf(b.ports, count);
        this.macs = Arrays.copyOf(b.macs, count);
        this.indexSlots = buildIndex(keys, count);
        int[] maglevWeights = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (alive[i] && acceptsNew[i] && weights[i] > 0) {
                maglevWeights[i] = weights[i];
                n++;
            }
        }
        this.eligible = n;
        this.maglev = n == 0 ? null : maglevBuilder.build(keys, maglevWeights, count);
    }

    /** Open addressing over {@code index + 1} (0 = free), at most half full. */
    private static int[] buildIndex(long[] keys, int count) {
        int[] slots = new int[Math.max(2, Integer.highestOneBit(Math.max(1, count)) << 2)];
        int mask = slots.length - 1;
        for (int i = 0; i < count; i++) {
            int s = spread(keys[i]) & mask;
            while (slots[s] != 0) {
                if (keys[slots[s] - 1] == keys[i]) {
                    throw new IllegalArgumentException("duplicate backend key " + keys[i]);
                }
                s = (s + 1) & mask;
            }
            slots[s] = i + 1;
        }
        return slots;
    }

    /**
     * Slot hash of the small open-addressing maps of this package (Fibonacci hashing: one multiply,
     * the well-mixed upper half of the product). Their keys are few and chosen by the control
     * plane, so flooding is no concern here.
     */
    static int spread(long key) {
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> 32);
    }

    public static Builder builder(int id) {
        return new Builder(id);
    }

    /** The index of the backend with this key, or -1 when the service has no such backend. */
    public int indexOf(long backendKey) {
        int mask = indexSlots.length - 1;
        int s = spread(backendKey) & mask;
        int v;
        while ((v = indexSlots[s]) != 0) {
            if (keys[v - 1] == backendKey) {
                return v - 1;
            }
            s = (s + 1) & mask;
        }
        return -1;
    }

    /** True when the backend at {@code index} (any int) has this key: a check of a remembered index. */
    public boolean hasBackendAt(int index, long backendKey) {
        return index >= 0 && index < count && keys[index] == backendKey;
    }

    /** The Maglev choice for a flow hash, or -1 when no backend is eligible for new connections. */
    public int pick(long flowHash) {
        int[] t = maglev;
        return t == null ? -1 : t[(int) Math.unsignedMultiplyHigh(flowHash, t.length)];
    }

    /** Alive, accepting new connections and weighted: what Maglev may pick. */
    public boolean isEligible(int index) {
        return alive[index] && acceptsNew[index] && weights[index] > 0;
    }

    public int id() {
        return id;
    }

    /** The configuration generation this table was built in (a reused table keeps its own). */
    public long generation() {
        return generation;
    }

    public long vipHi() {
        return vipHi;
    }

    public long vipLo() {
        return vipLo;
    }

    /** IP protocol of the VIP, or {@link #ALL}. */
    public int protocol() {
        return protocol;
    }

    /** Port of the VIP, or {@link #ALL}. */
    public int port() {
        return port;
    }

    public int mode() {
        return mode;
    }

    /**
     * The MAC the VIP answers ARP / neighbor solicitations with and NAT replies leave from (low 48
     * bits), or 0 when none was given (a switch group has none).
     */
    public long vipMac() {
        return vipMac;
    }

    /**
     * This service's rule for a mid-connection TCP packet without a connection entry, or null to
     * follow the {@link Selector}'s own policy.
     */
    public MidConnectionPolicy midConnection() {
        return midConnection;
    }

    public int backendCount() {
        return count;
    }

    /** How many backends Maglev picks from. */
    public int eligibleCount() {
        return eligible;
    }

    public long backendKey(int index) {
        return keys[index];
    }

    public int weight(int index) {
        return weights[index];
    }

    public boolean isAlive(int index) {
        return alive[index];
    }

    public boolean acceptsNew(int index) {
        return acceptsNew[index];
    }

    /** Backend address, high 64 bits (IPv4 stored IPv4-mapped, as in {@link FlowKey}). */
    public long addressHi(int index) {
        return addrHi[index];
    }

    public long addressLo(int index) {
        return addrLo[index];
    }

    /** Backend port for NAT, or {@link #ALL} to keep the client's destination port. */
    public int backendPort(int index) {
        return ports[index];
    }

    /** Backend MAC in the low 48 bits, or 0 when not known yet. */
    public long mac(int index) {
        return macs[index];
    }

    /** The size of the Maglev table (0 when no backend is eligible). */
    public int maglevSize() {
        return maglev == null ? 0 : maglev.length;
    }

    /** True when {@code b} describes exactly this service (then this table can be reused as is). */
    boolean describedBy(Builder b) {
        return id == b.id && vipHi == b.vipHi && vipLo == b.vipLo && protocol == b.protocol && port == b.port
                && mode == b.mode && vipMac == b.vipMac && midConnection == b.midConnection && count == b.count && (maglev == null || maglev.length == b.maglevSize)
                && Arrays.equals(keys, 0, count, b.keys, 0, count)
                && Arrays.equals(weights, 0, count, b.weights, 0, count)
                && Arrays.equals(alive, 0, count, b.alive, 0, count)
                && Arrays.equals(acceptsNew, 0, count, b.acceptsNew, 0, count)
                && Arrays.equals(addrHi, 0, count, b.addrHi, 0, count)
                && Arrays.equals(addrLo, 0, count, b.addrLo, 0, count)
                && Arrays.equals(ports, 0, count, b.ports, 0, count)
                && Arrays.equals(macs, 0, count, b.macs, 0, count);
    }

    @Override
    public String toString() {
        return "ServiceTable[id=" + id + " gen=" + generation + " backends=" + count + " eligible=" + eligible + "]";
    }

    /** Plain-data description of one service; validated as it is given. Used by the control thread. */
    public static final class Builder {
        private final int id;
        private long vipHi;
        private long vipLo;
        private int protocol;
        private int port;
        private int mode = MODE_DSR;
        private long vipMac;
        private MidConnectionPolicy midConnection;
        private int maglevSize = MaglevTableBuilder.DEFAULT_SIZE;
        private int count;
        private long[] keys = new long[4];
        private int[] weights = new int[4];
        private boolean[] alive = new boolean[4];
        private boolean[] acceptsNew = new boolean[4];
        private long[] addrHi = new long[4];
        private long[] addrLo = new long[4];
        private int[] ports = new int[4];
        private long[] macs = new long[4];

        private Builder(int id) {
            this.id = id;
        }

        /** The VIP: address as two longs (IPv4 mapped), protocol or {@link #ALL}, port or {@link #ALL}. */
        public Builder vip(long hi, long lo, int protocol, int port) {
            if (protocol < 0 || protocol > 255) {
                throw new IllegalArgumentException("service " + id + ": IP protocol must be 0..255, got " + protocol);
            }
            checkPort(port);
            if (protocol == ALL && port != ALL) {
                throw new IllegalArgumentException("service " + id + ": a port needs a protocol (tcp or udp), got port " + port);
            }
            this.vipHi = hi;
            this.vipLo = lo;
            this.protocol = protocol;
            this.port = port;
            return this;
        }

        public Builder vipV4(int address, int protocol, int port) {
            return vip(FlowKey.V4_MAPPED_HI, FlowKey.V4_MAPPED_LO_PREFIX | (address & 0xffff_ffffL), protocol, port);
        }

        public Builder mode(int mode) {
            if (mode != MODE_DSR && mode != MODE_NAT) {
                throw new IllegalArgumentException("service " + id + ": unknown mode " + mode);
            }
            this.mode = mode;
            return this;
        }

        /** The VIP's own MAC (low 48 bits; 0 = none, the default). */
        public Builder vipMac(long mac) {
            this.vipMac = mac & 0xffff_ffff_ffffL;
            return this;
        }

        /** The mid-connection policy of this service; null (the default) follows the selector's. */
        public Builder midConnection(MidConnectionPolicy policy) {
            this.midConnection = policy;
            return this;
        }

        /** Maglev table size, a prime (default 65537). */
        public Builder maglevSize(int prime) {
            if (prime < 3 || !MaglevTableBuilder.isPrime(prime)) {
                throw new IllegalArgumentException("service " + id + ": Maglev table size must be a prime >= 3, got " + prime);
            }
            this.maglevSize = prime;
            return this;
        }

        int maglevSize() {
            return maglevSize;
        }

        int id() {
            return id;
        }

        long vipHi() {
            return vipHi;
        }

        long vipLo() {
            return vipLo;
        }

        int protocol() {
            return protocol;
        }

        int port() {
            return port;
        }

        /** A backend without rewrite data (a switch group bucket). */
        public Builder backend(long key, int weight, boolean alive, boolean acceptsNew) {
            return backend(key, weight, alive, acceptsNew, 0, 0, ALL, 0);
        }

        /** A backend with its rewrite data: address (IPv4 mapped), port ({@link #ALL} = keep) and MAC. */
        public Builder backend(long key, int weight, boolean alive, boolean acceptsNew,
                               long addressHi, long addressLo, int port, long mac) {
            if (weight < 0) {
                throw new IllegalArgumentException("service " + id + ": backend " + key + " has a negative weight " + weight);
            }
            checkPort(port);
            if (count == keys.length) {
                grow();
            }
            keys[count] = key;
            weights[count] = weight;
            this.alive[count] = alive;
            this.acceptsNew[count] = acceptsNew;
            addrHi[count] = addressHi;
            addrLo[count] = addressLo;
            ports[count] = port;
            macs[count] = mac & 0xffff_ffff_ffffL;
            count++;
            return this;
        }

        private void checkPort(int p) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("service " + id + ": port must be 0..65535, got " + p);
            }
        }

        private void grow() {
            int n = keys.length * 2;
            keys = Arrays.copyOf(keys, n);
            weights = Arrays.copyOf(weights, n);
            alive = Arrays.copyOf(alive, n);
            acceptsNew = Arrays.copyOf(acceptsNew, n);
            addrHi = Arrays.copyOf(addrHi, n);
            addrLo = Arrays.copyOf(addrLo, n);
            ports = Arrays.copyOf(ports, n);
            macs = Arrays.copyOf(macs, n);
        }

        public ServiceTable build(long generation) {
            return build(generation, new MaglevTableBuilder(maglevSize));
        }

        /** Builds with a reusable Maglev builder (its size must be this service's Maglev size). */
        public ServiceTable build(long generation, MaglevTableBuilder maglev) {
            if (maglev.size() != maglevSize) {
                throw new IllegalArgumentException("Maglev builder of size " + maglev.size() + " for service " + id
                        + " of Maglev size " + maglevSize);
            }
            return new ServiceTable(this, generation, maglev);
        }
    }
}
