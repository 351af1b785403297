package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.packet.FlowKey;

import java.util.ArrayList;
import java.util.List;

/**
 * One immutable generation of the configuration table: every service by id, and by
 * (VIP address, protocol, port) for the packet filter.
 *
 * <p>Design: the maps (by id, by VIP address, protocol and port, and by VIP address alone) are
 * open-addressing arrays built once, so {@link #service(int)}, {@link #findService(FlowKey)} and
 * {@link #findAddress} are a few array reads and never allocate. A packet to a VIP finds
 * the service of its exact protocol and port first, then the protocol's "all ports" service, then
 * the VIP's "every protocol" service. Building a snapshot reuses, object for object, every service
 * table of the previous snapshot whose description did not change, so a change to one VIP does not
 * rebuild the Maglev tables of the others and pollers keep their cached lines.
 *
 * <p>Thread safety: immutable; published by {@link ConfigTable}.
 */
public final class ConfigSnapshot {
    /** The snapshot before any configuration: generation 0, no service. */
    public static final ConfigSnapshot EMPTY = new ConfigSnapshot(0, new ServiceTable[0], 0);

    private final long generation;
    private final ServiceTable[] services;
    private final int[] idSlots;
    private final int[] vipSlots;
    private final int[] addressSlots;
    private final int reused;

    private ConfigSnapshot(long generation, ServiceTable[] services, int reused) {
        this.generation = generation;
        this.services = services;
        this.reused = reused;
        int size = Math.max(2, Integer.highestOneBit(Math.max(1, services.length)) << 2);
        this.idSlots = new int[size];
        this.vipSlots = new int[size];
        this.addressSlots = new int[size];
        for (int i = 0; i < services.length; i++) {
            ServiceTable s = services[i];
            int slot = ServiceTable.spread(s.id()) & (size - 1);
            while (idSlots[slot] != 0) {
                if (services[idSlots[slot] - 1].id() == s.id()) {
                    throw new IllegalArgumentException("duplicate service id " + s.id());
                }
                slot = (slot + 1) & (size - 1);
            }
            idSlots[slot] = i + 1;
            addVip(i);
            addAddress(i);
        }
    }

    /** Records the first service of each VIP address (the one {@link #findAddress} returns). */
    private void addAddress(int i) {
        ServiceTable s = services[i];
        int mask = addressSlots.length - 1;
        int slot = vipHash(s.vipHi(), s.vipLo(), 0, 0) & mask;
        while (addressSlots[slot] != 0) {
            ServiceTable o = services[addressSlots[slot] - 1];
            if (o.vipHi() == s.vipHi() && o.vipLo() == s.vipLo()) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        addressSlots[slot] = i + 1;
    }

    private void addVip(int i) {
        ServiceTable s = services[i];
        int mask = vipSlots.length - 1;
        int slot = vipHash(s.vipHi(), s.vipLo(), s.protocol(), s.port()) & mask;
        while (vipSlots[slot] != 0) {
            ServiceTable o = services[vipSlots[slot] - 1];
            if (o.vipHi() == s.vipHi() && o.vipLo() == s.vipLo() && o.protocol() == s.protocol() && o.port() == s.port()) {
                throw new IllegalArgumentException("services " + o.id() + " and " + s.id()
                        + " have the same VIP, protocol " + s.protocol() + " and port " + s.port());
            }
            slot = (slot + 1) & mask;
        }
        vipSlots[slot] = i + 1;
    }

    private static int vipHash(long hi, long lo, int protocol, int port) {
        return ServiceTable.spread((lo ^ ((long) protocol << 16 | port)) + hi * 0xC2B2_AE3D_27D4_EB4FL);
    }

    public long generation() {
        return generation;
    }

    /** The service with this id, or null. */
    public ServiceTable service(int id) {
        int mask = idSlots.length - 1;
        int slot = ServiceTable.spread(id) & mask;
        int v;
        while ((v = idSlots[slot]) != 0) {
            if (services[v - 1].id() == id) {
                return services[v - 1];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /** The service a packet with this key is addressed to (by destination), or null. */
    public ServiceTable findService(FlowKey k) {
        ServiceTable s = findVip(k.dstHi, k.dstLo, k.protocol, k.dstPort);
        if (s == null && k.dstPort != ServiceTable.ALL) {
            s = findVip(k.dstHi, k.dstLo, k.protocol, ServiceTable.ALL);
        }
        if (s == null) {
            s = findVip(k.dstHi, k.dstLo, ServiceTable.ALL, ServiceTable.ALL);
        }
        return s;
    }

    private ServiceTable findVip(long hi, long lo, int protocol, int port) {
        int mask = vipSlots.length - 1;
        int slot = vipHash(hi, lo, protocol, port) & mask;
        int v;
        while ((v = vipSlots[slot]) != 0) {
            ServiceTable s = services[v - 1];
            if (s.vipLo() == lo && s.port() == port && s.protocol() == protocol && s.vipHi() == hi) {
                return s;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    /**
     * The first service (in description order) whose VIP has this address, whatever its protocol
     * and port, or null when the address is no VIP: what the packet filter answers ARP and
     * neighbor solicitations for, and refuses unserved ports on.
     */
    public ServiceTable findAddress(long hi, long lo) {
        int mask = addressSlots.length - 1;
        int slot = vipHash(hi, lo, 0, 0) & mask;
        int v;
        while ((v = addressSlots[slot]) != 0) {
            ServiceTable s = services[v - 1];
            if (s.vipLo() == lo && s.vipHi() == hi) {
                return s;
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    public int serviceCount() {
        return services.length;
    }

    /** The i-th service, in the order they were described (for the control plane and exports). */
    public ServiceTable serviceAt(int i) {
        return services[i];
    }

    /** How many service tables were taken over unchanged from the previous snapshot. */
    public int reusedCount() {
        return reused;
    }

    /** Builds the next snapshot beside the active one, from plain data. One control thread uses it. */
    public static final class Builder {
        private final long generation;
        private final ConfigSnapshot previous;
        private final List<ServiceTable.Builder> services = new ArrayList<>();

        /** @param previous the active snapshot, whose unchanged service tables are reused */
        public Builder(long generation, ConfigSnapshot previous) {
            this.generation = generation;
            this.previous = previous;
        }

        public long generation() {
            return generation;
        }

        /** Starts the description of a service; fill the returned builder (VIP, mode, backends). */
        public ServiceTable.Builder service(int id) {
            ServiceTable.Builder b = ServiceTable.builder(id);
            services.add(b);
            return b;
        }

        /** Validates and builds every service (Maglev tables included): may take milliseconds per service. */
        public ConfigSnapshot build() {
            ServiceTable[] tables = new ServiceTable[services.size()];
            MaglevTableBuilder maglev = null;
            int reused = 0;
            for (int i = 0; i < tables.length; i++) {
                ServiceTable.Builder b = services.get(i);
                ServiceTable old = previous == null ? null : previous.service(b.id());
                if (old != null && old.describedBy(b)) {
                    tables[i] = old;
                    reused++;
                    continue;
                }
                if (maglev == null || maglev.size() != b.maglevSize()) {
                    maglev = new MaglevTableBuilder(b.maglevSize());
                }
                tables[i] = b.build(generation, maglev);
            }
            return new ConfigSnapshot(generation, tables, reused);
        }
    }
}
