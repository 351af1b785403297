package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.i32;
import static io.flowlb.loadbalancer.packet.BigEndian.i64;
import static io.flowlb.loadbalancer.packet.BigEndian.u16;
import static io.flowlb.loadbalancer.packet.BigEndian.u8;

import java.lang.foreign.MemorySegment;

/**
 * The header walk behind {@link PacketView#parse()}: fills the view's offsets layer by layer and
 * returns the first {@link ParseResult} that stops it.
 *
 * <p>Design: every read is preceded by a length check against the frame (L2, L3) or the IP
 * datagram (extension headers, L4), so no read leaves the frame and nothing throws. The methods
 * are short and static so that the JIT inlines the common path (untagged IPv4 / TCP) into the
 * caller.
 *
 * <p>Thread safety: stateless; it writes only the view it is given.
 */
final class FrameParser {
    /** Longest IPv6 extension header chain followed; longer chains are {@code BAD_IPV6_EXT}. */
    static final int MAX_IPV6_EXTENSIONS = 8;

    private FrameParser() {
    }

    /** Clears the parse state of a freshly wrapped (or re-parsed) view. */
    static void reset(PacketView v) {
        v.result = PacketView.NOT_PARSED;
        v.etherType = 0;
        v.vlanTci = PacketView.NONE;
        v.l3 = PacketView.NONE;
        v.l4 = PacketView.NONE;
        v.payload = PacketView.NONE;
        v.ipEnd = 0;
        v.l4End = 0;
        v.ipVersion = 0;
        v.ipProtocol = PacketView.NONE;
        v.l4Type = PacketView.L4_NONE;
        v.pseudoChecksum = PacketView.NONE;
        v.frag = 0;
        v.tcpFlags = 0;
        v.ipv6FragmentHeader = false;
        v.arp = false;
    }

    static int parseL2(PacketView v) {
        if (v.length < PacketView.ETH_HEADER) {
            return ParseResult.TRUNCATED_L2;
        }
        int type = u16(v.seg, v.base + 12);
        int off = PacketView.ETH_HEADER;
        if (type == EtherType.VLAN || type == EtherType.QINQ) {
            if (v.length < PacketView.ETH_HEADER + PacketView.VLAN_TAG) {
                return ParseResult.TRUNCATED_L2;
            }
            v.vlanTci = u16(v.seg, v.base + 14);
            type = u16(v.seg, v.base + 16);
            off += PacketView.VLAN_TAG;
        }
        v.etherType = type;
        v.l3 = off;
        v.payload = off;
        if (type == EtherType.IPV4) {
            return parseIpv4(v, off);
        }
        if (type == EtherType.IPV6) {
            return parseIpv6(v, off);
        }
        if (type == EtherType.ARP) {
            return parseArp(v, off);
        }
        return type < EtherType.MIN_ETHERTYPE ? ParseResult.UNSUPPORTED : ParseResult.OK;
    }

    private static int parseArp(PacketView v, int off) {
        if (v.length - off < 28) {
            return ParseResult.TRUNCATED_L3;
        }
        long p = v.base + off;
        // Hardware type 1 (Ethernet), protocol IPv4, address lengths 6 and 4.
        if (i32(v.seg, p) != 0x0001_0800 || u16(v.seg, p + 4) != 0x0604) {
            return ParseResult.UNSUPPORTED;
        }
        v.arp = true;
        v.payload = off + 28;
        return ParseResult.OK;
    }

    private static int parseIpv4(PacketView v, int off) {
        int avail = v.length - off;
        if (avail < 20) {
            return ParseResult.TRUNCATED_L3;
        }
        // Two loads cover the fixed fields: bytes 0-7 (version/IHL, TOS, total length, id, flags
        // and fragment offset) and 8-15 (TTL, protocol, checksum, source).
        long w0 = i64(v.seg, v.base + off);
        long w1 = i64(v.seg, v.base + off + 8);
        int versionIhl = (int) (w0 >>> 56);
        if (versionIhl >>> 4 != 4) {
            return ParseResult.BAD_IP_VERSION;
        }
        int ihl = (versionIhl & 0x0f) << 2;
        int total = (int) (w0 >>> 32) & 0xffff;
        if (ihl < 20) {
            return ParseResult.BAD_IHL;
        }
        if (total < 20 || total > avail) {
            return ParseResult.BAD_IP_LENGTH;
        }
        if (ihl > total) {
            return ParseResult.BAD_IHL;
        }
        int flags = (int) w0 & 0xffff;
        v.ipVersion = 4;
        v.ipProtocol = (int) (w1 >>> 48) & 0xff;
        v.ipEnd = off + total;
        v.l4End = v.ipEnd;
        v.frag = ((flags & 0x1fff) << 1) | ((flags >>> 13) & 1);
        v.payload = off + ihl;
        return (flags & 0x1fff) != 0 ? ParseResult.OK : parseL4(v, off + ihl);
    }

    private static int parseIpv6(PacketView v, int off) {
        int avail = v.length - off;
        if (avail < 40) {
            return ParseResult.TRUNCATED_L3;
        }
        long p = v.base + off;
        if (u8(v.seg, p) >>> 4 != 6) {
            return ParseResult.BAD_IP_VERSION;
        }
        int payloadLength = u16(v.seg, p + 4);
        if (payloadLength > avail - 40) {
            return ParseResult.BAD_IP_LENGTH;
        }
        int next = u8(v.seg, p + 6);
        v.ipVersion = 6;
        v.ipEnd = off + 40 + payloadLength;
        v.l4End = v.ipEnd;
        v.ipProtocol = next;
        v.payload = off + 40;
        return isIpv6Extension(next) ? walkIpv6Extensions(v, next, off + 40) : parseL4(v, off + 40);
    }

    static boolean isIpv6Extension(int nh) {
        return nh == IpProtocol.HOP_BY_HOP || nh == IpProtocol.ROUTING || nh == IpProtocol.FRAGMENT
                || nh == IpProtocol.DESTINATION_OPTIONS || nh == IpProtocol.AH;
    }

    /**
     * Follows the extension header chain to the upper-layer protocol. Hop-by-hop is legal only
     * first (RFC 8200 section 4.1); a non-first fragment ends the walk, since what follows its
     * fragment header is the middle of the upper-layer data.
     */
    private static int walkIpv6Extensions(PacketView v, int nh, int off) {
        for (int i = 0; i < MAX_IPV6_EXTENSIONS; i++) {
            if (v.ipEnd - off < 8 || (nh == IpProtocol.HOP_BY_HOP && i > 0)) {
                return ParseResult.BAD_IPV6_EXT;
            }
            long p = v.base + off;
            int next = u8(v.seg, p);
            int len;
            if (nh == IpProtocol.FRAGMENT) {
                int fo = u16(v.seg, p + 2);
                v.ipv6FragmentHeader = true;
                v.frag = ((fo >>> 3) << 1) | (fo & 1);
                len = 8;
            } else if (nh == IpProtocol.AH) {
                len = (u8(v.seg, p + 1) + 2) << 2;
            } else {
                len = (u8(v.seg, p + 1) + 1) << 3;
            }
            if (len > v.ipEnd - off) {
                return ParseResult.BAD_IPV6_EXT;
            }
            off += len;
            nh = next;
            v.ipProtocol = nh;
            v.payload = off;
            if (v.frag > 1) {
                return ParseResult.OK;
            }
            if (!isIpv6Extension(nh)) {
                return parseL4(v, off);
            }
        }
        return ParseResult.BAD_IPV6_EXT;
    }

    private static int parseL4(PacketView v, int off) {
        int avail = v.ipEnd - off;
        int proto = v.ipProtocol;
        if (proto == IpProtocol.TCP) {
            if (avail < 20) {
                return ParseResult.TRUNCATED_L4;
            }
            // One read for the data offset and the flags (bytes 12 and 13).
            int word = u16(v.seg, v.base + off + 12);
            int dataOffset = (word >>> 12) << 2;
            if (dataOffset < 20) {
                return ParseResult.BAD_L4_HEADER;
            }
            if (dataOffset > avail) {
                return ParseResult.TRUNCATED_L4;
            }
            v.tcpFlags = word & 0xff;
            return l4Found(v, off, PacketView.L4_TCP, dataOffset, 16);
        }
        if (proto == IpProtocol.UDP) {
            if (avail < 8) {
                return ParseResult.TRUNCATED_L4;
            }
            int udpLength = u16(v.seg, v.base + off + 4);
            if (udpLength < 8 || udpLength > avail) {
                return ParseResult.BAD_L4_HEADER;
            }
            v.l4End = off + udpLength;
            return l4Found(v, off, PacketView.L4_UDP, 8, 6);
        }
        boolean icmp = proto == IpProtocol.ICMP && v.ipVersion == 4;
        if (icmp || (proto == IpProtocol.ICMPV6 && v.ipVersion == 6)) {
            if (avail < 8) {
                return ParseResult.TRUNCATED_L4;
            }
            // ICMPv4's checksum has no pseudo-header; ICMPv6's does.
            return icmp ? l4Found(v, off, PacketView.L4_ICMP, 8, PacketView.NONE) : l4Found(v, off, PacketView.L4_ICMPV6, 8, 2);
        }
        return ParseResult.OK;
    }

    private static int l4Found(PacketView v, int off, int type, int headerLength, int pseudoChecksumField) {
        v.l4 = off;
        v.l4Type = type;
        v.pseudoChecksum = pseudoChecksumField < 0 ? PacketView.NONE : off + pseudoChecksumField;
        v.payload = off + headerLength;
        return ParseResult.OK;
    }
}
