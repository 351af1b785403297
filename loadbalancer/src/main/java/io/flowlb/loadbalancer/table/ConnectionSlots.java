package io.flowlb.loadbalancer.table;

import io.flowlb.loadbalancer.packet.FlowKey;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;


/**
 * The off-heap slot array behind {@link ConnectionTable}: one 64-byte, cache-line aligned slot per
 * entry, and the accessors that read and write its fields.
 *
 * <pre>
 *  0 srcHi   8 srcLo   16 dstHi   24 dstLo        the addresses (IPv4 stored IPv4-mapped)
 * 32 ports (srcPort << 16 | dstPort)   36 zone
 * 40 backendKey                                   the stable key of the chosen backend
 * 48 lastSeen (the caller's nanosecond clock)
 * 56 peer slot (-1 none)   60 protocol   61 state   62 flags (USED, REPLY)   63 backend hint
 * </pre>
 *
 * <p>One slot is one cache line, so a probe that compares a key touches one line per slot, and the
 * whole entry (key, value and time) comes with it. A free slot has flags 0.
 *
 * <p>Multi-byte fields are little-endian whatever the platform (native order on x86 and arm64), so
 * that a probe may read a group of fields as one {@code long}: bytes 32-39 are
 * {@code zone << 32 | ports} ({@link #portsZone}), bytes 56-63 are the tail
 * {@code hint << 56 | flags << 48 | state << 40 | protocol << 32 | peer} ({@link #tail}). A probe then costs
 * one read of the tail per slot visited (free? reply? protocol?) and five reads of the key words
 * for a candidate, instead of a read per field: fewer memory accesses, and fewer of the JIT's
 * nodes on the per-packet path. The backend hint is the index the backend had in its service
 * when the entry was written ({@link #NO_HINT} when above 254): the selector checks it against the
 * backend key and so finds the backend's index with one array read instead of a map lookup.
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
    private static final long HINT = 63;

    /** The hint byte of an entry whose backend index is unknown or does not fit a byte. */
    static final int NO_HINT = 0xff;

    static final byte USED = 1;
    static final byte REPLY = 2;

    /*
     * Static final var handles over unaligned layouts, as in BigEndian: an access compiles without
     * the layout dispatch of MemorySegment.get(layout, offset) and without the alignment check of
     * an aligned layout. Slots are 64-byte aligned, so every field is naturally aligned anyway.
     */
    private static final VarHandle LONG_H = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle INT_H = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle BYTE_H = ValueLayout.JAVA_BYTE.varHandle();

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
     * The keyed hash of a key in a zone: three 64x64->128-bit multiply-folds (the wyhash mix) of
     * the key words against secrets derived from the table seed. The two inner folds are
     * independent, so this costs about two multiply latencies instead of the five serial rounds of
     * {@link FlowKey#hash}, and without the secrets an attacker cannot aim tuples at one cluster.
     * The high address words (0 for IPv4) and the protocol share one input word: each is still
     * multiplied with a secret, and a collision of that word alone still leaves the low words,
     * ports and zone to collide.
     */
    static long hash(FlowKey k, int zone, long[] secret) {
        long a = fold(k.srcLo ^ secret[0], k.dstLo ^ secret[1]);
        long high = k.srcHi ^ Long.rotateLeft(k.dstHi, 29) ^ ((long) k.protocol << 56);
        long b = fold(((long) packPorts(k) << 32 | (zone & 0xffff_ffffL)) ^ secret[2], high ^ secret[3]);
        return fold(a ^ secret[4], b ^ secret[5]);
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

    /** Bytes 32-39 of a slot holding this key in this zone. */
    static long portsZone(FlowKey k, int zone) {
        return ((long) zone << 32) | (packPorts(k) & 0xffff_ffffL);
    }

    /** The last eight bytes of a slot: flags, state, protocol and peer (see the class comment). */
    long tail(int slot) {
        return (long) LONG_H.get(mem, at(slot) + PEER);
    }

    static int peerOf(long tail) {
        return (int) tail;
    }

    static int protocolOf(long tail) {
        return (int) (tail >>> 32) & 0xff;
    }

    static int stateOf(long tail) {
        return (byte) (tail >>> 40);
    }

    static int flagsOf(long tail) {
        return (int) (tail >>> 48) & 0xff;
    }

    static int hintOf(long tail) {
        return (int) (tail >>> 56);
    }

    /** The hint byte for a backend index. */
    static int hintFor(int index) {
        return index >= 0 && index < NO_HINT ? index : NO_HINT;
    }

    /** True when the slot's addresses, ports and zone are the key's (the protocol is the tail's). */
    boolean matches(int slot, FlowKey k, long portsZone) {
        long b = at(slot);
        return (long) LONG_H.get(mem, b + SRC_LO) == k.srcLo
                && (long) LONG_H.get(mem, b + PORTS) == portsZone
                && (long) LONG_H.get(mem, b + DST_LO) == k.dstLo
                && (long) LONG_H.get(mem, b + SRC_HI) == k.srcHi
                && (long) LONG_H.get(mem, b + DST_HI) == k.dstHi;
    }

    void write(int slot, FlowKey k, int zone, long backendKey, int hint, int state, byte flags, int peer, long now) {
        long b = at(slot);
        LONG_H.set(mem, b + SRC_HI, k.srcHi);
        LONG_H.set(mem, b + SRC_LO, k.srcLo);
        LONG_H.set(mem, b + DST_HI, k.dstHi);
        LONG_H.set(mem, b + DST_LO, k.dstLo);
        LONG_H.set(mem, b + PORTS, portsZone(k, zone));
        LONG_H.set(mem, b + BACKEND, backendKey);
        LONG_H.set(mem, b + LAST_SEEN, now);
        LONG_H.set(mem, b + PEER, ((long) hint << 56) | ((long) (flags & 0xff) << 48) | ((long) (state & 0xff) << 40)
                | ((long) (k.protocol & 0xff) << 32) | (peer & 0xffff_ffffL));
    }

    /** Copies the stored key of {@code slot} into {@code out}; returns the slot's zone. */
    int readKey(int slot, FlowKey out) {
        long b = at(slot);
        out.srcHi = (long) LONG_H.get(mem, b + SRC_HI);
        out.srcLo = (long) LONG_H.get(mem, b + SRC_LO);
        out.dstHi = (long) LONG_H.get(mem, b + DST_HI);
        out.dstLo = (long) LONG_H.get(mem, b + DST_LO);
        long portsZone = (long) LONG_H.get(mem, b + PORTS);
        out.srcPort = (int) portsZone >>> 16;
        out.dstPort = (int) portsZone & 0xffff;
        out.protocol = (byte) BYTE_H.get(mem, b + PROTOCOL) & 0xff;
        return (int) (portsZone >>> 32);
    }

    void copy(int from, int to) {
        MemorySegment.copy(mem, at(from), mem, at(to), SLOT_BYTES);
    }

    void clear(int slot) {
        BYTE_H.set(mem, at(slot) + FLAGS, (byte) 0);
    }

    byte flags(int slot) {
        return (byte) BYTE_H.get(mem, at(slot) + FLAGS);
    }

    boolean used(int slot) {
        return flags(slot) != 0;
    }

    boolean isReply(int slot) {
        return (flags(slot) & REPLY) != 0;
    }

    int zone(int slot) {
        return (int) INT_H.get(mem, at(slot) + ZONE);
    }

    int peer(int slot) {
        return (int) INT_H.get(mem, at(slot) + PEER);
    }

    void peer(int slot, int peer) {
        INT_H.set(mem, at(slot) + PEER, peer);
    }

    long backendKey(int slot) {
        return (long) LONG_H.get(mem, at(slot) + BACKEND);
    }

    void backendKey(int slot, long key) {
        LONG_H.set(mem, at(slot) + BACKEND, key);
    }

    long lastSeen(int slot) {
        return (long) LONG_H.get(mem, at(slot) + LAST_SEEN);
    }

    void lastSeen(int slot, long now) {
        LONG_H.set(mem, at(slot) + LAST_SEEN, now);
    }

    int state(int slot) {
        return (byte) BYTE_H.get(mem, at(slot) + STATE);
    }

    void state(int slot, int state) {
        BYTE_H.set(mem, at(slot) + STATE, (byte) state);
    }

    void hint(int slot, int hint) {
        BYTE_H.set(mem, at(slot) + HINT, (byte) hint);
    }

    int protocol(int slot) {
        return (byte) BYTE_H.get(mem, at(slot) + PROTOCOL) & 0xff;
    }
}
