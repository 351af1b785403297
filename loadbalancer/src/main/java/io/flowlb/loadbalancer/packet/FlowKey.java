package io.flowlb.loadbalancer.packet;

/**
 * The 5-tuple of one packet as primitives: the key of the connection table and the input of
 * Maglev selection.
 *
 * <p>Design: one mutable instance per thread (a poller, a test), refilled for every packet by the
 * packet views, so the per-packet path allocates nothing. IPv4 addresses are stored
 * IPv4-mapped ({@code ::ffff:a.b.c.d}, RFC 4291 section 2.5.5.2) so that one layout of four
 * {@code long}s serves both families. Protocols without ports (ESP, GRE, ICMP...) leave both ports
 * 0, so DSR balancing hashes on (source, destination, protocol) as the design requires.
 *
 * <p>Thread safety: none; an instance belongs to the thread that fills it.
 */
public final class FlowKey {
    /** High 64 bits of the IPv4-mapped prefix {@code ::ffff:0:0/96}: always 0. */
    public static final long V4_MAPPED_HI = 0L;
    /** Low 64 bits carry {@code 0000:ffff} above the 32-bit IPv4 address. */
    public static final long V4_MAPPED_LO_PREFIX = 0x0000_ffff_0000_0000L;

    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int srcPort;
    public int dstPort;
    /** IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 50 ESP...). */
    public int protocol;

    public void setV4(int src, int dst, int protocol, int srcPort, int dstPort) {
        this.srcHi = V4_MAPPED_HI;
        this.srcLo = V4_MAPPED_LO_PREFIX | (src & 0xffff_ffffL);
        this.dstHi = V4_MAPPED_HI;
        this.dstLo = V4_MAPPED_LO_PREFIX | (dst & 0xffff_ffffL);
        this.protocol = protocol;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
    }

    public void setV6(long srcHi, long srcLo, long dstHi, long dstLo, int protocol, int srcPort, int dstPort) {
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        this.protocol = protocol;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
    }

    public boolean isV4() {
        return srcHi == 0 && (srcLo >>> 32) == 0xffffL && dstHi == 0 && (dstLo >>> 32) == 0xffffL;
    }

    /** Turns this key into the key of the other direction (replies, NAT reverse lookups). */
    public void reverse() {
        long h = srcHi, l = srcLo;
        srcHi = dstHi;
        srcLo = dstLo;
        dstHi = h;
        dstLo = l;
        int p = srcPort;
        srcPort = dstPort;
        dstPort = p;
    }

    /** True when {@code o} holds the same tuple (addresses, ports, protocol). */
    public boolean sameTuple(FlowKey o) {
        return srcLo == o.srcLo && dstLo == o.dstLo && srcPort == o.srcPort && dstPort == o.dstPort
                && protocol == o.protocol && srcHi == o.srcHi && dstHi == o.dstHi;
    }

    public void copyFrom(FlowKey o) {
        srcHi = o.srcHi;
        srcLo = o.srcLo;
        dstHi = o.dstHi;
        dstLo = o.dstLo;
        srcPort = o.srcPort;
        dstPort = o.dstPort;
        protocol = o.protocol;
    }

    /**
     * A well-mixed 64-bit hash of the whole tuple (seeded), the same on every JVM and every run so
     * that a restarted switch or a second switch chooses the same member for the same flow.
     *
     * <p>Five independent lanes (each address word and the ports with the protocol) go through the
     * {@link #mix} finaliser side by side and their sum through it once more: two finaliser
     * latencies in all, where chaining the words one after the other through it would take five.
     * This is the Maglev hash of every new connection.
     */
    public long hash(long seed) {
        long ports = ((long) srcPort << 32) | ((long) dstPort << 8) | protocol;
        long lanes = mix(srcLo ^ seed)
                + Long.rotateLeft(mix(dstLo ^ ~seed), 13)
                + Long.rotateLeft(mix(srcHi ^ 0x9E37_79B9_7F4A_7C15L ^ seed), 29)
                + Long.rotateLeft(mix(dstHi ^ 0xC2B2_AE3D_27D4_EB4FL ^ seed), 41)
                + Long.rotateLeft(mix(ports ^ 0x1656_67B1_9E37_79F9L ^ seed), 53);
        return mix(lanes);
    }

    /** The moremur / splitmix64 finaliser: cheap and with full avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 27)) * 0x3C79_AC49_2BA7_B653L;
        z = (z ^ (z >>> 33)) * 0x1C69_B3F7_4AC4_AE35L;
        return z ^ (z >>> 27);
    }

    @Override
    public String toString() {
        return "FlowKey[proto=" + protocol + " " + Long.toHexString(srcHi) + ":" + Long.toHexString(srcLo) + "/"
                + srcPort + " -> " + Long.toHexString(dstHi) + ":" + Long.toHexString(dstLo) + "/" + dstPort + "]";
    }
}
