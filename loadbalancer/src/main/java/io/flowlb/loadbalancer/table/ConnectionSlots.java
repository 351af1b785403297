package io.flowlb.loadbalancer.table;

import io.flowlb.loadbalancer.packet.FlowKey;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The off-heap slot array behind {@link ConnectionTable}: one 64-byte, cache-line aligned slot per
 * entry, and the accessors that read and write its fields.
 *
 * <pre>
 *  0 srcHi   8 srcLo   16 dstHi   24 dstLo        the addresses (IPv4 stored IPv4-mapped)
 * 32 ports (srcPort << 16 | dstPort)   36 zone
 * 40 backendKey                                   the stable key of the chosen backend
 * 48 lastSeen (the caller's nanosecond clock)
 * 56 peer slot (-1 none)   60 protocol   61 state   62 flags (USED, REPLY)   63 unused
 * </pre>
 *
 * <p>One slot is one cache line, so a probe that compares a key touches one line per slot, and the
 * whole entry (key, value and time) comes with it. A free slot has flags 0.
 *
 * <p>Thread safety: see {@link ConnectionTable}: one writer; other threads may read racily.
 */
final class ConnectionSlots {
    static final int SLOT_BYTES = 64;

    private static final long SRC_HI = 0;
    private static final long SRC_LO = 8;
    private static final long DST_HI = 16;
    private static final long DST_LO = 24;
    private static final long PORTS = 32;
    private static final long ZONE = 36;
    private static final long BACKEND = 40;
    private static final long LAST_SEEN = 48;
    private static final long PEER = 56;
    private static final long PROTOCOL = 60;
    private static final long STATE = 61;
    private static final long FLAGS = 62;

    static final byte USED = 1;
    static final byte REPLY = 2;

    private final Arena arena;
    private final MemorySegment mem;
    final int slots;

    ConnectionSlots(int slots) {
        this.slots = slots;
        this.arena = Arena.ofShared();
        // The memory comes zeroed: every slot starts free.
        this.mem = SlotMemory.allocate(arena, (long) slots * SLOT_BYTES, SLOT_BYTES);
    }

    long byteSize() {
        return mem.byteSize();
    }

    void close() {
        arena.close();
    }

    /**
     * The keyed hash of a key in a zone: four 64x64->128-bit multiply-folds (the wyhash mix) of the
     * key words against secrets derived from the table seed. The three inner folds are independent,
     * so this costs about two multiply latencies instead of the five serial rounds of
     * {@link FlowKey#hash}, and without the secrets an attacker cannot aim tuples at one cluster.
     */
    static long hash(FlowKey k, int zone, long[] secret) {
        long a = fold(k.srcHi ^ secret[0], k.srcLo ^ secret[1]);
        long b = fold(k.dstHi ^ secret[2], k.dstLo ^ secret[3]);
        long c = fold(((long) packPorts(k) << 32 | (zone & 0xffff_ffffL)) ^ secret[4], k.protocol ^ secret[5]);
        return fold(a ^ b ^ secret[6], c ^ secret[7]);
    }

    private static long fold(long x, long y) {
        return x * y ^ Math.multiplyHigh(x, y);
    }

    /** Eight odd, well-mixed secrets for {@link #hash}, derived from a seed. */
    static long[] secrets(long seed) {
        long[] s = new long[8];
        long z = seed;
        for (int i = 0; i < s.length; i++) {
            z += 0x9E37_79B9_7F4A_7C15L;
            s[i] = FlowKey.mix(z) | 1;
        }
        return s;
    }

    static int packPorts(FlowKey k) {
        return (k.srcPort << 16) | (k.dstPort & 0xffff);
    }

    /** The next slot in probe order, wrapping at the end. */
    int next(int i) {
        int n = i + 1;
        return n == slots ? 0 : n;
    }

    /** Forward distance from slot {@code from} to slot {@code to} in probe order. */
    int distance(int from, int to) {
        int d = to - from;
        return d < 0 ? d + slots : d;
    }

    /** The first slot probed for a key of this hash (Lemire's multiply-shift range reduction). */
    int home(long hash) {
        return (int) Math.unsignedMultiplyHigh(hash, slots);
    }

    private static long at(int slot) {
        return (long) slot * SLOT_BYTES;
    }

    boolean matches(int slot, FlowKey k, int ports, int zone) {
        long b = at(slot);
        return mem.get(JAVA_LONG, b + SRC_LO) == k.srcLo
                && mem.get(JAVA_INT, b + PORTS) == ports
                && mem.get(JAVA_LONG, b + DST_LO) == k.dstLo
                && mem.get(JAVA_INT, b + ZONE) == zone
                && mem.get(JAVA_LONG, b + SRC_HI) == k.srcHi
                && mem.get(JAVA_LONG, b + DST_HI) == k.dstHi
                && mem.get(JAVA_BYTE, b + PROTOCOL) == (byte) k.protocol;
    }

    void write(int slot, FlowKey k, int zone, long backendKey, int state, byte flags, int peer, long now) {
        long b = at(slot);
        mem.set(JAVA_LONG, b + SRC_HI, k.srcHi);
        mem.set(JAVA_LONG, b + SRC_LO, k.srcLo);
        mem.set(JAVA_LONG, b + DST_HI, k.dstHi);
        mem.set(JAVA_LONG, b + DST_LO, k.dstLo);
        mem.set(JAVA_INT, b + PORTS, packPorts(k));
        mem.set(JAVA_INT, b + ZONE, zone);
        mem.set(JAVA_LONG, b + BACKEND, backendKey);
        mem.set(JAVA_LONG, b + LAST_SEEN, now);
        mem.set(JAVA_INT, b + PEER, peer);
        mem.set(JAVA_BYTE, b + PROTOCOL, (byte) k.protocol);
        mem.set(JAVA_BYTE, b + STATE, (byte) state);
        mem.set(JAVA_BYTE, b + FLAGS, flags);
    }

    /** Copies the stored key of {@code slot} into {@code out}; returns the slot's zone. */
    int readKey(int slot, FlowKey out) {
        long b = at(slot);
        out.srcHi = mem.get(JAVA_LONG, b + SRC_HI);
        out.srcLo = mem.get(JAVA_LONG, b + SRC_LO);
        out.dstHi = mem.get(JAVA_LONG, b + DST_HI);
        out.dstLo = mem.get(JAVA_LONG, b + DST_LO);
        int ports = mem.get(JAVA_INT, b + PORTS);
        out.srcPort = ports >>> 16;
        out.dstPort = ports & 0xffff;
        out.protocol = mem.get(JAVA_BYTE, b + PROTOCOL) & 0xff;
        return mem.get(JAVA_INT, b + ZONE);
    }

    void copy(int from, int to) {
        MemorySegment.copy(mem, at(from), mem, at(to), SLOT_BYTES);
    }

    void clear(int slot) {
        mem.set(JAVA_BYTE, at(slot) + FLAGS, (byte) 0);
    }

    byte flags(int slot) {
        return mem.get(JAVA_BYTE, at(slot) + FLAGS);
    }

    boolean used(int slot) {
        return flags(slot) != 0;
    }

    boolean isReply(int slot) {
        return (flags(slot) & REPLY) != 0;
    }

    int zone(int slot) {
        return mem.get(JAVA_INT, at(slot) + ZONE);
    }

    int peer(int slot) {
        return mem.get(JAVA_INT, at(slot) + PEER);
    }

    void peer(int slot, int peer) {
        mem.set(JAVA_INT, at(slot) + PEER, peer);
    }

    long backendKey(int slot) {
        return mem.get(JAVA_LONG, at(slot) + BACKEND);
    }

    void backendKey(int slot, long key) {
        mem.set(JAVA_LONG, at(slot) + BACKEND, key);
    }

    long lastSeen(int slot) {
        return mem.get(JAVA_LONG, at(slot) + LAST_SEEN);
    }

    void lastSeen(int slot, long now) {
        mem.set(JAVA_LONG, at(slot) + LAST_SEEN, now);
    }

    int state(int slot) {
        return mem.get(JAVA_BYTE, at(slot) + STATE);
    }

    void state(int slot, int state) {
        mem.set(JAVA_BYTE, at(slot) + STATE, (byte) state);
    }

    int protocol(int slot) {
        return mem.get(JAVA_BYTE, at(slot) + PROTOCOL) & 0xff;
    }
}
