package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.i32;
import static io.flowlb.loadbalancer.packet.BigEndian.i64;
import static io.flowlb.loadbalancer.packet.BigEndian.putU16;
import static io.flowlb.loadbalancer.packet.BigEndian.u16;
import static io.flowlb.loadbalancer.packet.BigEndian.u32;
import static io.flowlb.loadbalancer.packet.BigEndian.u8;

import java.lang.foreign.MemorySegment;

/**
 * The Internet checksum (RFC 1071): full sums over a segment range, IPv4 / IPv6 pseudo-header
 * sums, incremental updates (RFC 1624) and whole-header helpers over a {@link PacketView}.
 *
 * <p>Design: a one's-complement sum is kept unfolded in a {@code long} while it is built, so
 * that a sum can add 32-bit words (two 16-bit words at once: 2<sup>16</sup> = 1 modulo
 * 2<sup>16</sup>-1) and be folded once at the end. {@link #sum} reads eight bytes per step.
 * Rewrites use the incremental form {@code HC' = ~(~HC + ~m + m')} (RFC 1624 eqn. 3), which
 * gives exactly what a full recomputation gives, including the 0 / 0xffff cases. A UDP checksum
 * that computes to 0 is sent as 0xffff (RFC 768), and 0 in an IPv4 UDP header means "none" and
 * stays 0.
 *
 * <p>Thread safety: stateless.
 */
public final class Checksums {

    private Checksums() {
    }

    /**
     * The unfolded one's-complement sum of {@code length} bytes at {@code offset} read as
     * big-endian 16-bit words (an odd last byte is padded with a zero). Sums of ranges that start
     * at even distances from the checksummed message's start may be added together.
     */
    public static long sum(MemorySegment s, long offset, int length) {
        long acc = 0;
        int i = 0;
        for (; i <= length - 8; i += 8) {
            long w = i64(s, offset + i);
            acc += (w >>> 32) + (w & 0xffff_ffffL);
        }
        if (length - i >= 4) {
            acc += u32(s, offset + i);
            i += 4;
        }
        if (length - i >= 2) {
            acc += u16(s, offset + i);
            i += 2;
        }
        if (i < length) {
            acc += u8(s, offset + i) << 8;
        }
        return acc;
    }

    /**
     * Folds an unfolded sum to 16 bits with end-around carries, as one's-complement addition does:
     * 0 only for a zero sum. Branch-free: a 32-bit fold brings any {@code long} below 2<sup>33</sup>,
     * two 16-bit folds from there to at most 0x10001, and a last end-around carry to at most 0xffff.
     */
    public static int fold(long sum) {
        long s = (sum >>> 32) + (sum & 0xffff_ffffL);
        return fold34(s);
    }

    /**
     * {@link #fold} for a sum below 2<sup>34</sup>, such as a checksum plus the deltas of a 32-bit
     * and a 16-bit field: one step fewer. Larger sums give wrong results.
     */
    static int fold34(long sum) {
        long s = (sum >>> 16) + (sum & 0xffff);   // at most 0x3ffff + 0xffff
        s = (s >>> 16) + (s & 0xffff);            // at most 0x10003
        return (int) ((s + (s >>> 16)) & 0xffff); // the carry out of bit 15 goes around once more
    }

    /** The checksum field value for an unfolded sum: its folded one's complement. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    /** The Internet checksum of a range (for instance an IPv4 header with its checksum field zeroed). */
    public static int checksum(MemorySegment s, long offset, int length) {
        return finish(sum(s, offset, length));
    }

    /** The IPv4 pseudo-header (source, destination, protocol, L4 length) as an unfolded sum. */
    public static long pseudoHeaderV4(int src, int dst, int protocol, int l4Length) {
        return (src & 0xffff_ffffL) + (dst & 0xffff_ffffL) + protocol + l4Length;
    }

    /** The IPv6 pseudo-header (RFC 8200 section 8.1) as an unfolded sum. */
    public static long pseudoHeaderV6(long srcHi, long srcLo, long dstHi, long dstLo, int protocol, int l4Length) {
        return halves(srcHi) + halves(srcLo) + halves(dstHi) + halves(dstLo) + protocol + (l4Length & 0xffff_ffffL);
    }

    private static long halves(long w) {
        return (w >>> 32) + (w & 0xffff_ffffL);
    }

    /**
     * The change {@code ~m + m'} of RFC 1624 eqn. 3 for a 16-bit word going from {@code old} to
     * {@code now}, as an unfolded sum: compute it once and {@link #adjust} every checksum that
     * covers the word.
     */
    public static long delta16(int old, int now) {
        return (~old & 0xffff) + (now & 0xffff);
    }

    /** The change of a 32-bit field (two aligned 16-bit words, e.g. an IPv4 address). */
    public static long delta32(int old, int now) {
        return (~old & 0xffff_ffffL) + (now & 0xffff_ffffL);
    }

    /** The change of a 128-bit field given as two longs (an IPv6 address). */
    public static long delta128(long oldHi, long oldLo, long nowHi, long nowLo) {
        return halves(~oldHi) + halves(~oldLo) + halves(nowHi) + halves(nowLo);
    }

    /** RFC 1624 eqn. 3: {@code HC' = ~(~HC + delta)} for a delta from {@link #delta16} and friends. */
    public static int adjust(int checksum, long delta) {
        return finish((~checksum & 0xffff) + delta);
    }

    /**
     * {@link #adjust} for the common NAT rewrite: {@code delta} below 2<sup>33</sup>, that is one
     * {@link #delta32} plus at most one {@link #delta16} (IPv4 address and port). Cheaper.
     */
    public static int adjustSmall(int checksum, long delta) {
        return ~fold34((~checksum & 0xffff) + delta) & 0xffff;
    }

    /** RFC 1624 eqn. 3 for one 16-bit word of the checksummed data changing from {@code old} to {@code now}. */
    public static int update16(int checksum, int old, int now) {
        return adjust(checksum, delta16(old, now));
    }

    /** RFC 1624 eqn. 3 for a 32-bit field (two aligned 16-bit words, e.g. an IPv4 address). */
    public static int update32(int checksum, int old, int now) {
        return adjust(checksum, delta32(old, now));
    }

    /** RFC 1624 eqn. 3 for a 128-bit field given as two longs (an IPv6 address). */
    public static int update128(int checksum, long oldHi, long oldLo, long nowHi, long nowLo) {
        return adjust(checksum, delta128(oldHi, oldLo, nowHi, nowLo));
    }

    // ---------------------------------------------------------------- whole headers of a parsed view

    /** Recomputes and writes the IPv4 header checksum of a parsed IPv4 view; false when not IPv4. */
    public static boolean writeIpv4HeaderChecksum(PacketView v) {
        if (v.ipVersion() != 4) {
            return false;
        }
        long at = v.base() + v.l3Offset();
        putU16(v.segment(), at + 10, 0);
        putU16(v.segment(), at + 10, checksum(v.segment(), at, ipv4HeaderLength(v)));
        return true;
    }

    /** True when the IPv4 header checksum of a parsed IPv4 view is correct. */
    public static boolean ipv4HeaderChecksumValid(PacketView v) {
        return v.ipVersion() == 4 && fold(sum(v.segment(), v.base() + v.l3Offset(), ipv4HeaderLength(v))) == 0xffff;
    }

    private static int ipv4HeaderLength(PacketView v) {
        return (u8(v.segment(), v.base() + v.l3Offset()) & 0x0f) << 2;
    }

    /**
     * The pseudo-header sum of a parsed IP view for an L4 message of {@code l4Length} bytes of
     * its upper-layer protocol; 0 for ICMP over IPv4, which has no pseudo-header.
     */
    public static long pseudoHeader(PacketView v, int l4Length) {
        if (v.ipVersion() == 6) {
            return pseudoHeaderV6(v.ipv6SrcHi(), v.ipv6SrcLo(), v.ipv6DstHi(), v.ipv6DstLo(), v.ipProtocol(), l4Length);
        }
        return v.ipProtocol() == IpProtocol.ICMP ? 0 : pseudoHeaderV4(v.ipv4Src(), v.ipv4Dst(), v.ipProtocol(), l4Length);
    }

    /**
     * Computes and writes the checksum of the TCP / UDP / ICMP / ICMPv6 message at {@code l4}
     * ({@code l4Length} bytes), taking the pseudo-header from the IP header at
     * {@code l3} (IPv4 or IPv6, told apart by its version nibble): none for ICMP over IPv4. A
     * UDP checksum that computes to 0 is written as 0xffff. {@code protocol} is the upper-layer
     * protocol (after any IPv6 extension headers); other protocols are left alone.
     */
    public static void writeL4Checksum(MemorySegment s, long l3, long l4, int l4Length, int protocol) {
        int field = checksumField(protocol);
        if (field < 0) {
            return;
        }
        putU16(s, l4 + field, 0);
        long pseudo;
        if (u8(s, l3) >>> 4 == 6) {
            pseudo = pseudoHeaderV6(i64(s, l3 + 8), i64(s, l3 + 16), i64(s, l3 + 24), i64(s, l3 + 32),
                    protocol, l4Length);
        } else {
            pseudo = protocol == IpProtocol.ICMP ? 0
                    : pseudoHeaderV4(i32(s, l3 + 12), i32(s, l3 + 16), protocol, l4Length);
        }
        int c = finish(sum(s, l4, l4Length) + pseudo);
        putU16(s, l4 + field, c == 0 && protocol == IpProtocol.UDP ? 0xffff : c);
    }

    /** The checksum field offset inside an L4 header of {@code protocol}, or -1 for others. */
    private static int checksumField(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> 16;
            case IpProtocol.UDP -> 6;
            case IpProtocol.ICMP, IpProtocol.ICMPV6 -> 2;
            default -> -1;
        };
    }

    /**
     * Computes the TCP / UDP / ICMP / ICMPv6 checksum of a parsed view from scratch and writes it.
     * Use it for frames whose checksum the kernel left partial (CHECKSUM_PARTIAL on veth: the field
     * holds only the pseudo-header sum), or after any rewrite an incremental update cannot follow.
     * Returns false, writing nothing, when there is no L4 header or the packet is a fragment (its
     * checksum covers data in other fragments).
     */
    public static boolean completeL4Checksum(PacketView v) {
        int field = v.l4ChecksumOffset();
        if (field < 0 || v.isFragment()) {
            return false;
        }
        writeL4Checksum(v.segment(), v.base() + v.l3Offset(), v.base() + v.l4Offset(), v.l4Length(), v.ipProtocol());
        return true;
    }

    /**
     * True when the L4 checksum of a parsed, unfragmented view verifies (an IPv4 UDP checksum of
     * 0, meaning "none", verifies). False without an L4 header or for fragments.
     */
    public static boolean l4ChecksumValid(PacketView v) {
        int field = v.l4ChecksumOffset();
        if (field < 0 || v.isFragment()) {
            return false;
        }
        MemorySegment s = v.segment();
        if (v.isUdp() && v.ipVersion() == 4 && u16(s, v.base() + field) == 0) {
            return true;
        }
        return fold(sum(s, v.base() + v.l4Offset(), v.l4Length()) + pseudoHeader(v, v.l4Length())) == 0xffff;
    }
}
