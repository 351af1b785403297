package io.flowlb.loadbalancer.packet;

import static io.flowlb.loadbalancer.packet.BigEndian.putI32;
import static io.flowlb.loadbalancer.packet.BigEndian.putU16;
import static io.flowlb.loadbalancer.packet.BigEndian.putU8;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Lays out the frame a {@link FrameBuilder} describes: sizes first, then headers from the outside
 * in, the payload, the L4 checksum, and last the field overrides and the IPv4 header checksum (so
 * that a malformed fixture still carries a correct header checksum and fails only where asked).
 *
 * <p>Thread safety: stateless.
 */
final class FrameAssembler {
    /** An EtherType for local experiments (IEEE 802), used for frames with no L3 asked for. */
    private static final int LOCAL_EXPERIMENTAL = 0x88b5;

    private FrameAssembler() {
    }

    static byte[] assemble(FrameBuilder b) {
        int l2 = b.vlanTci >= 0 ? PacketView.ETH_HEADER + PacketView.VLAN_TAG : PacketView.ETH_HEADER;
        int l3Length = l3Length(b);
        int l4Header = l4HeaderLength(b);
        int total = l2 + l3Length + l4Header + b.payload.length;
        byte[] frame = new byte[Math.max(total, b.padTo)];
        MemorySegment s = MemorySegment.ofArray(frame);
        HeaderWriter.ethernet(s, 0, b.ethDst, b.ethSrc, b.vlanTci, etherType(b));
        int l4 = l2 + l3Length;
        int l4Length = total - l4;
        switch (b.l3Kind) {
            case FrameBuilder.L3_ARP -> HeaderWriter.arp(s, l2, (int) b.arpFields[0], b.arpFields[1],
                    (int) b.arpFields[2], b.arpFields[3], (int) b.arpFields[4]);
            case FrameBuilder.L3_IPV4 -> writeIpv4(b, s, l2, l3Length, total - l2);
            case FrameBuilder.L3_IPV6 -> writeIpv6(b, s, l2, total - l2 - HeaderWriter.IPV6_HEADER);
            default -> { }
        }
        writeL4Header(b, s, l4, l4Length);
        MemorySegment.copy(MemorySegment.ofArray(b.payload), 0, s, l4 + l4Header, b.payload.length);
        if (b.l4Kind != FrameBuilder.NO_L4 && (b.l3Kind == FrameBuilder.L3_IPV4 || b.l3Kind == FrameBuilder.L3_IPV6)) {
            writeL4Checksum(b, s, l2, l4, l4Length);
        }
        applyOverrides(b, s, l2, l3Length);
        return frame;
    }

    private static int etherType(FrameBuilder b) {
        if (b.etherType >= 0) {
            return b.etherType;
        }
        return switch (b.l3Kind) {
            case FrameBuilder.L3_ARP -> EtherType.ARP;
            case FrameBuilder.L3_IPV4 -> EtherType.IPV4;
            case FrameBuilder.L3_IPV6 -> EtherType.IPV6;
            default -> LOCAL_EXPERIMENTAL;
        };
    }

    private static int l3Length(FrameBuilder b) {
        return switch (b.l3Kind) {
            case FrameBuilder.L3_ARP -> 28;
            case FrameBuilder.L3_IPV4 -> HeaderWriter.IPV4_HEADER + b.ipv4Options.length;
            case FrameBuilder.L3_IPV6 -> HeaderWriter.IPV6_HEADER + Arrays.stream(b.extLengths).sum();
            default -> 0;
        };
    }

    private static int l4HeaderLength(FrameBuilder b) {
        return switch (b.l4Kind) {
            case IpProtocol.TCP -> HeaderWriter.TCP_HEADER + b.tcpOptions.length;
            case IpProtocol.UDP, IpProtocol.ICMP, IpProtocol.ICMPV6 -> 8;
            default -> 0;
        };
    }

    private static int protocol(FrameBuilder b) {
        return b.protocol < 0 ? IpProtocol.NO_NEXT_HEADER : b.protocol;
    }

    private static void writeIpv4(FrameBuilder b, MemorySegment s, int at, int headerLength, int totalLength) {
        int fragment = b.flags | (b.moreFragments ? 0x2000 : 0) | (b.fragOffset & 0x1fff);
        HeaderWriter.ipv4(s, at, b.trafficClass, totalLength, b.identification, fragment, protocol(b), b.v4Src, b.v4Dst);
        putU8(s, at, 0x40 | (headerLength >>> 2));
        putU8(s, at + 8, b.ttl);
        MemorySegment.copy(MemorySegment.ofArray(b.ipv4Options), 0, s, at + HeaderWriter.IPV4_HEADER, b.ipv4Options.length);
    }

    private static void writeIpv6(FrameBuilder b, MemorySegment s, int at, int payloadLength) {
        int first = b.extTypes.length > 0 ? b.extTypes[0] : protocol(b);
        HeaderWriter.ipv6(s, at, payloadLength, first, b.ttl, b.v6SrcHi, b.v6SrcLo, b.v6DstHi, b.v6DstLo);
        putI32(s, at, 0x6000_0000 | ((b.trafficClass & 0xff) << 20) | (b.flowLabel & 0x000f_ffff));
        int off = at + HeaderWriter.IPV6_HEADER;
        for (int i = 0; i < b.extTypes.length; i++) {
            int next = i + 1 < b.extTypes.length ? b.extTypes[i + 1] : protocol(b);
            writeExtension(b, s, off, b.extTypes[i], b.extLengths[i], next);
            off += b.extLengths[i];
        }
    }

    private static void writeExtension(FrameBuilder b, MemorySegment s, int at, int type, int length, int next) {
        putU8(s, at, next);
        switch (type) {
            case IpProtocol.FRAGMENT -> {
                putU16(s, at + 2, (b.fragOffset << 3) | (b.moreFragments ? 1 : 0));
                putI32(s, at + 4, b.identification);
            }
            case IpProtocol.AH -> {
                putU8(s, at + 1, (length >>> 2) - 2);
                putI32(s, at + 4, 1);
                putI32(s, at + 8, 1);
            }
            case IpProtocol.HOP_BY_HOP, IpProtocol.DESTINATION_OPTIONS -> {
                putU8(s, at + 1, (length >>> 3) - 1);
                if (length - 2 > 1) {
                    putU8(s, at + 2, 1);
                    putU8(s, at + 3, length - 4);
                }
            }
            default -> putU8(s, at + 1, (length >>> 3) - 1);
        }
    }

    private static void writeL4Header(FrameBuilder b, MemorySegment s, int at, int l4Length) {
        switch (b.l4Kind) {
            case IpProtocol.TCP -> {
                HeaderWriter.tcp(s, at, b.srcPort, b.dstPort, b.seq, b.ack, b.tcpFlags, b.window);
                putU8(s, at + 12, ((HeaderWriter.TCP_HEADER + b.tcpOptions.length) >>> 2) << 4);
                MemorySegment.copy(MemorySegment.ofArray(b.tcpOptions), 0, s, at + HeaderWriter.TCP_HEADER,
                        b.tcpOptions.length);
            }
            case IpProtocol.UDP -> {
                putU16(s, at, b.srcPort);
                putU16(s, at + 2, b.dstPort);
                putU16(s, at + 4, l4Length);
            }
            case IpProtocol.ICMP, IpProtocol.ICMPV6 -> {
                putU16(s, at, b.icmpTypeCode);
                putI32(s, at + 4, b.icmpRest);
            }
            default -> { }
        }
    }

    private static void writeL4Checksum(FrameBuilder b, MemorySegment s, int l3, int l4, int l4Length) {
        if (b.l4Kind == IpProtocol.UDP && b.noUdpChecksum) {
            return;
        }
        if (!b.checksumPartial) {
            Checksums.writeL4Checksum(s, l3, l4, l4Length, b.l4Kind);
            return;
        }
        long pseudo = b.l3Kind == FrameBuilder.L3_IPV6
                ? Checksums.pseudoHeaderV6(b.v6SrcHi, b.v6SrcLo, b.v6DstHi, b.v6DstLo, b.l4Kind, l4Length)
                : Checksums.pseudoHeaderV4(b.v4Src, b.v4Dst, b.l4Kind, l4Length);
        int field = b.l4Kind == IpProtocol.TCP ? 16 : b.l4Kind == IpProtocol.UDP ? 6 : 2;
        putU16(s, l4 + field, Checksums.fold(pseudo));
    }

    private static void applyOverrides(FrameBuilder b, MemorySegment s, int l3, int l3Length) {
        boolean v4 = b.l3Kind == FrameBuilder.L3_IPV4;
        if (!v4 && b.l3Kind != FrameBuilder.L3_IPV6) {
            return;
        }
        if (b.ipLengthOverride >= 0) {
            putU16(s, l3 + (v4 ? 2 : 4), b.ipLengthOverride);
        }
        if (b.versionOverride >= 0) {
            putU8(s, l3, (b.versionOverride << 4) | (BigEndian.u8(s, l3) & 0x0f));
        }
        if (v4 && b.ihlOverride >= 0) {
            putU8(s, l3, (BigEndian.u8(s, l3) & 0xf0) | (b.ihlOverride & 0x0f));
        }
        if (v4) {
            putU16(s, l3 + 10, 0);
            putU16(s, l3 + 10, Checksums.checksum(s, l3, l3Length));
        }
    }
}
