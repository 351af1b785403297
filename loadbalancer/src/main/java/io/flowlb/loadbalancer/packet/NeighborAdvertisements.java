package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.i64;
import static io.flowlb.loadbalancer.packet.BigEndian.putI32;
import static io.flowlb.loadbalancer.packet.BigEndian.putI64;
import static io.flowlb.loadbalancer.packet.BigEndian.putU16;
import static io.flowlb.loadbalancer.packet.BigEndian.putU48;

import java.lang.foreign.MemorySegment;

/**
 * ICMPv6 neighbor advertisements in reply to neighbor solicitations (RFC 4861), so that IPv6
 * VIPs are answered the way ARP answers IPv4 ones.
 *
 * <p>Design: the caller checks {@link #isSolicitation} and that {@link #targetHi} /
 * {@link #targetLo} is an address it answers for, then {@link #write}s the advertisement:
 * from the target address, solicited and override flags set, router flag clear, with a target
 * link-layer address option; hop limit 255. A solicitation from the unspecified address
 * (duplicate address detection) is answered to all-nodes {@code ff02::1}, not solicited (RFC 4861
 * section 7.2.4). Writes into caller memory, allocates nothing; the output may be the
 * solicitation's own frame at the same offset.
 *
 * <p>Thread safety: stateless.
 */
public final class NeighborAdvertisements {
    private static final int SOLICITATION = 135;
    private static final int ADVERTISEMENT = 136;
    private static final int ND_HOP_LIMIT = 255;
    /** ICMPv6 header + flags + target (24) + target link-layer address option (8). */
    private static final int MESSAGE = 32;
    private static final int SOLICITED = 0x4000_0000;
    private static final int OVERRIDE = 0x2000_0000;
    private static final long ALL_NODES_HI = 0xff02_0000_0000_0000L;
    private static final long ALL_NODES_LO = 1L;
    private static final long ALL_NODES_MAC = 0x3333_0000_0001L;

    private NeighborAdvertisements() {
    }

    /** True for a parsed, well-formed neighbor solicitation (code 0, hop limit 255, room for a target). */
    public static boolean isSolicitation(PacketView v) {
        return v.ipVersion() == 6 && v.icmpType() == SOLICITATION && v.icmpCode() == 0
                && v.ipTtl() == ND_HOP_LIMIT && v.l4Length() >= 24;
    }

    /** High 64 bits of the solicited target address, or 0 when {@code v} is not a solicitation. */
    public static long targetHi(PacketView v) {
        return isSolicitation(v) ? i64(v.segment(), v.base() + v.l4Offset() + 8) : 0;
    }

    /** Low 64 bits of the solicited target address, or 0 when {@code v} is not a solicitation. */
    public static long targetLo(PacketView v) {
        return isSolicitation(v) ? i64(v.segment(), v.base() + v.l4Offset() + 16) : 0;
    }

    /**
     * Writes the advertisement saying that the solicited target is at {@code mac}. Returns the
     * frame length, {@link BuildResult#NOT_APPLICABLE} or {@link BuildResult#NO_ROOM}.
     */
    public static int write(PacketView solicitation, long mac, MemorySegment out, long offset) {
        if (!isSolicitation(solicitation)) {
            return BuildResult.NOT_APPLICABLE;
        }
        int l3 = solicitation.l3Offset();
        int length = l3 + HeaderWriter.IPV6_HEADER + MESSAGE;
        if (!HeaderWriter.fits(out, offset, length)) {
            return BuildResult.NO_ROOM;
        }
        long targetHi = targetHi(solicitation);
        long targetLo = targetLo(solicitation);
        boolean dad = solicitation.ipv6SrcHi() == 0 && solicitation.ipv6SrcLo() == 0;
        long dstHi = dad ? ALL_NODES_HI : solicitation.ipv6SrcHi();
        long dstLo = dad ? ALL_NODES_LO : solicitation.ipv6SrcLo();
        long ethDst = dad ? ALL_NODES_MAC : solicitation.ethSrc();
        HeaderWriter.ethernet(out, offset, ethDst, mac, solicitation.vlanTci(), EtherType.IPV6);
        HeaderWriter.ipv6(out, offset + l3, MESSAGE, IpProtocol.ICMPV6, ND_HOP_LIMIT, targetHi, targetLo, dstHi, dstLo);
        long l4 = offset + l3 + HeaderWriter.IPV6_HEADER;
        putU16(out, l4, ADVERTISEMENT << 8);
        putI32(out, l4 + 4, dad ? OVERRIDE : SOLICITED | OVERRIDE);
        putI64(out, l4 + 8, targetHi);
        putI64(out, l4 + 16, targetLo);
        putU16(out, l4 + 24, 0x0201);
        putU48(out, l4 + 26, mac);
        Checksums.writeL4Checksum(out, offset + l3, l4, MESSAGE, IpProtocol.ICMPV6);
        return length;
    }
}
