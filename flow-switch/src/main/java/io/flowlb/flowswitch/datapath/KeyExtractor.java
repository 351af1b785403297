package io.flowlb.flowswitch.datapath;

import io.flowlb.loadbalancer.packet.BigEndian;
import io.flowlb.loadbalancer.packet.PacketView;
import java.lang.foreign.MemorySegment;

/**
 * Fills a {@link HeaderKey} from a parsed {@link PacketView}: the fields every table may match,
 * read once per packet (on a microflow cache hit nothing else is read).
 *
 * <p>Thread safety: stateless.
 */
final class KeyExtractor {
    private static final int ICMPV6_NS = 135;
    private static final int ICMPV6_NA = 136;

    private KeyExtractor() {
    }

    static void extract(PacketView v, int inPort, long metadata, long[] k) {
        int proto = v.ipProtocol();
        k[HeaderKey.W_PORT] = HeaderKey.portWord(inPort, v.etherType(), v.vlanTci());
        k[HeaderKey.W_ETH_DST] = HeaderKey.ethDstWord(v.ethDst(), proto < 0 ? 0 : proto, v.ipTrafficClass());
        k[HeaderKey.W_ETH_SRC] = HeaderKey.ethSrcWord(v.ethSrc(), v.arpOp());
        k[HeaderKey.W_AUX_HI] = 0;
        k[HeaderKey.W_AUX_LO] = 0;
        int version = v.ipVersion();
        if (version == 4) {
            addresses(k, 0, v.ipv4Src() & 0xffff_ffffL, 0, v.ipv4Dst() & 0xffff_ffffL);
        } else if (version == 6) {
            addresses(k, v.ipv6SrcHi(), v.ipv6SrcLo(), v.ipv6DstHi(), v.ipv6DstLo());
        } else if (v.isArp()) {
            addresses(k, 0, v.arpSpa() & 0xffff_ffffL, 0, v.arpTpa() & 0xffff_ffffL);
            k[HeaderKey.W_AUX_HI] = v.arpSha();
            k[HeaderKey.W_AUX_LO] = v.arpTha();
        } else {
            addresses(k, 0, 0, 0, 0);
        }
        int tpSrc = 0;
        int tpDst = 0;
        if (v.hasPorts()) {
            tpSrc = v.srcPort();
            tpDst = v.dstPort();
        } else if (v.isIcmp()) {
            tpSrc = v.icmpType();
            tpDst = v.icmpCode();
            if (version == 6 && (tpSrc == ICMPV6_NS || tpSrc == ICMPV6_NA) && v.l4Length() >= 24) {
                MemorySegment s = v.segment();
                long at = v.base() + v.l4Offset() + 8;
                k[HeaderKey.W_AUX_HI] = BigEndian.i64(s, at);
                k[HeaderKey.W_AUX_LO] = BigEndian.i64(s, at + 8);
            }
        }
        k[HeaderKey.W_L4] = HeaderKey.l4Word(v.ipv6FlowLabel(), tpSrc, tpDst);
        k[HeaderKey.W_METADATA] = metadata;
    }

    private static void addresses(long[] k, long srcHi, long srcLo, long dstHi, long dstLo) {
        k[HeaderKey.W_SRC_HI] = srcHi;
        k[HeaderKey.W_SRC_LO] = srcLo;
        k[HeaderKey.W_DST_HI] = dstHi;
        k[HeaderKey.W_DST_LO] = dstLo;
    }
}
