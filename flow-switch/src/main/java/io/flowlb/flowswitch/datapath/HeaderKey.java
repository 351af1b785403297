package io.flowlb.flowswitch.datapath;

import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;

/**
 * The layout of the lookup key: every matchable header field of one packet packed into
 * {@link #WORDS} {@code long}s, so that a flow's match is a (value, mask) pair of the same
 * shape and matching is {@code ((key ^ value) & mask) == 0} word by word.
 *
 * <p>Design: like the miniflow of Open vSwitch, fields that never occur together share a slot
 * (IPv4 source, ARP SPA and the low half of the IPv6 source; TCP/UDP ports and ICMP type/code;
 * ARP SHA/THA and the IPv6 ND target); the prerequisites of OpenFlow make the sharing safe, as
 * a flow matching one of them also pins the Ethernet type or IP protocol.
 *
 * <pre>
 * word 0  in_port(32) | eth_type(16) | vlan_pcp(3) | vlan_vid incl. PRESENT(13)
 * word 1  eth_dst(48) | ip_proto(8) | dscp(6) | ecn(2)
 * word 2  eth_src(48) | arp_op(16)
 * word 3  ipv6_src high 64
 * word 4  ipv6_src low 64 | ipv4_src | arp_spa (low 32)
 * word 5  ipv6_dst high 64
 * word 6  ipv6_dst low 64 | ipv4_dst | arp_tpa (low 32)
 * word 7  ipv6_flabel(20) at 32 | tp_src, icmp_type (16) at 16 | tp_dst, icmp_code (16)
 * word 8  arp_sha | nd_target high 64
 * word 9  arp_tha | nd_target low 64
 * word 10 metadata
 * </pre>
 *
 * <p>Thread safety: constants and pure functions.
 */
final class HeaderKey {
    static final int WORDS = 11;
    static final int W_PORT = 0;
    static final int W_ETH_DST = 1;
    static final int W_ETH_SRC = 2;
    static final int W_SRC_HI = 3;
    static final int W_SRC_LO = 4;
    static final int W_DST_HI = 5;
    static final int W_DST_LO = 6;
    static final int W_L4 = 7;
    static final int W_AUX_HI = 8;
    static final int W_AUX_LO = 9;
    static final int W_METADATA = 10;

    private HeaderKey() {
    }

    /** The word holding the field (its low 64 bits for 128-bit fields). */
    static int word(MatchField f) {
        return switch (f) {
            case IN_PORT, ETH_TYPE, VLAN_PCP, VLAN_VID -> W_PORT;
            case ETH_DST, IP_PROTO, IP_DSCP, IP_ECN -> W_ETH_DST;
            case ETH_SRC, ARP_OP -> W_ETH_SRC;
            case IPV4_SRC, ARP_SPA, IPV6_SRC -> W_SRC_LO;
            case IPV4_DST, ARP_TPA, IPV6_DST -> W_DST_LO;
            case TCP_SRC, UDP_SRC, ICMPV4_TYPE, ICMPV6_TYPE, TCP_DST, UDP_DST, ICMPV4_CODE, ICMPV6_CODE,
                 IPV6_FLABEL -> W_L4;
            case ARP_SHA -> W_AUX_HI;
            case ARP_THA, IPV6_ND_TARGET -> W_AUX_LO;
            case METADATA -> W_METADATA;
        };
    }

    /** The word holding the high 64 bits of a 128-bit field. */
    static int hiWord(MatchField f) {
        return switch (f) {
            case IPV6_SRC -> W_SRC_HI;
            case IPV6_DST -> W_DST_HI;
            case IPV6_ND_TARGET -> W_AUX_HI;
            default -> -1;
        };
    }

    /** The bit position of the field's least significant bit in its word. */
    static int shift(MatchField f) {
        return switch (f) {
            case IN_PORT, IPV6_FLABEL -> 32;
            case ETH_TYPE, ETH_DST, ETH_SRC, TCP_SRC, UDP_SRC, ICMPV4_TYPE, ICMPV6_TYPE -> 16;
            case VLAN_PCP -> 13;
            case IP_PROTO -> 8;
            case IP_DSCP -> 2;
            default -> 0;
        };
    }

    /** ORs one match entry into a flow's (value, mask) words. */
    static void encode(MatchEntry e, long[] value, long[] mask) {
        MatchField f = e.field();
        int w = word(f);
        int s = shift(f);
        value[w] |= e.lo() << s;
        mask[w] |= e.maskLo() << s;
        int hw = hiWord(f);
        if (hw >= 0) {
            value[hw] |= e.hi();
            mask[hw] |= e.maskHi();
        }
    }

    /** Reads one field's low 64 bits out of a key. */
    static long read(long[] key, MatchField f) {
        return (key[word(f)] >>> shift(f)) & f.fullMaskLo();
    }

    static long portWord(int inPort, int ethType, int vlanTci) {
        long vlan = vlanTci < 0 ? 0 : (MatchField.VLAN_PRESENT | (vlanTci & 0x0fff) | ((vlanTci >>> 13) << 13));
        return ((inPort & 0xffff_ffffL) << 32) | ((long) (ethType & 0xffff) << 16) | vlan;
    }

    static long ethDstWord(long ethDst, int ipProto, int trafficClass) {
        return (ethDst << 16) | ((long) (ipProto & 0xff) << 8) | (trafficClass & 0xff);
    }

    static long ethSrcWord(long ethSrc, int arpOp) {
        return (ethSrc << 16) | (arpOp & 0xffff);
    }

    static long l4Word(int flowLabel, int tpSrc, int tpDst) {
        return ((long) (flowLabel & 0xfffff) << 32) | ((long) (tpSrc & 0xffff) << 16) | (tpDst & 0xffff);
    }

    /** Folds one key word into a running hash (cheap; {@link #finish} mixes at the end). */
    static long combine(long h, long word) {
        return Long.rotateLeft((h ^ word) * 0x9E37_79B9_7F4A_7C15L, 29);
    }

    /** The final avalanche of a hash built with {@link #combine}. */
    static long finish(long h) {
        h = (h ^ (h >>> 33)) * 0xff51_afd7_ed55_8ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ce_b9fe_1a85_ec53L;
        return h ^ (h >>> 33);
    }
}
