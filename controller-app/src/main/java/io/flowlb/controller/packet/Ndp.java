package io.flowlb.controller.packet;

/**
 * IPv6 Neighbor Discovery (RFC 4861) fields the controller learns hosts from: the target address
 * of a Neighbor Solicitation or Advertisement and the link-layer address options.
 *
 * <p>Reads a frame given the offset of its ICMPv6 header; every read is bounds-checked, and an
 * absent field reads as 0.
 *
 * <p>Thread safety: stateless.
 */
public final class Ndp {
    public static final int ROUTER_SOLICITATION = 133;
    public static final int ROUTER_ADVERTISEMENT = 134;
    public static final int NEIGHBOR_SOLICITATION = 135;
    public static final int NEIGHBOR_ADVERTISEMENT = 136;

    private static final int OPT_SOURCE_LLADDR = 1;
    private static final int OPT_TARGET_LLADDR = 2;

    private Ndp() {
    }

    /** True for the four ND message types the controller reads. */
    public static boolean isNdp(int icmpv6Type) {
        return icmpv6Type >= ROUTER_SOLICITATION && icmpv6Type <= NEIGHBOR_ADVERTISEMENT;
    }

    /** High 64 bits of the target address of an NS or NA. */
    public static long targetHi(byte[] frame, int l4) {
        return hasTarget(frame, l4) ? i64(frame, l4 + 8) : 0;
    }

    /** Low 64 bits of the target address of an NS or NA. */
    public static long targetLo(byte[] frame, int l4) {
        return hasTarget(frame, l4) ? i64(frame, l4 + 16) : 0;
    }

    /**
     * The MAC in the message's link-layer address option: the source link-layer address of an
     * RS, RA or NS, the target link-layer address of an NA; 0 when absent.
     */
    public static long linkLayerAddress(byte[] frame, int l4) {
        if (l4 < 0 || frame.length <= l4) {
            return 0;
        }
        int type = frame[l4] & 0xff;
        int at = switch (type) {
            case ROUTER_SOLICITATION -> l4 + 8;
            case ROUTER_ADVERTISEMENT -> l4 + 16;
            case NEIGHBOR_SOLICITATION, NEIGHBOR_ADVERTISEMENT -> l4 + 24;
            default -> -1;
        };
        int wanted = type == NEIGHBOR_ADVERTISEMENT ? OPT_TARGET_LLADDR : OPT_SOURCE_LLADDR;
        while (at >= 0 && at + 8 <= frame.length) {
            int optType = frame[at] & 0xff;
            int optLen = (frame[at + 1] & 0xff) * 8;
            if (optLen == 0) {
                return 0;
            }
            if (optType == wanted) {
                return ((long) (((frame[at + 2] & 0xff) << 8) | (frame[at + 3] & 0xff)) << 32)
                        | (((frame[at + 4] & 0xffL) << 24) | ((frame[at + 5] & 0xff) << 16)
                        | ((frame[at + 6] & 0xff) << 8) | (frame[at + 7] & 0xff));
            }
            at += optLen;
        }
        return 0;
    }

    private static boolean hasTarget(byte[] frame, int l4) {
        if (l4 < 0 || frame.length < l4 + 24) {
            return false;
        }
        int type = frame[l4] & 0xff;
        return type == NEIGHBOR_SOLICITATION || type == NEIGHBOR_ADVERTISEMENT;
    }

    private static long i64(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
