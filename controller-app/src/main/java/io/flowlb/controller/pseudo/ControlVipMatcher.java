package io.flowlb.controller.pseudo;

import io.flowlb.controller.packet.Ndp;
import io.flowlb.loadbalancer.packet.PacketView;

/**
 * Decides which PACKET_INs belong to the controller host: frames for the control VIP go into
 * the TAP, everything else is left to the other processors.
 *
 * <p>A frame is the controller host's when it is untagged and any of: its destination MAC is the
 * TAP's; it is IPv4 to the control VIP; it is ARP whose target is the control VIP (a host's
 * broadcast request, or a reply to the controller host's own request); it is IPv6 to the IPv6
 * control VIP, or a Neighbor Solicitation for it (sent to a solicited-node multicast address).
 * A frame whose source MAC is the TAP's is the controller host's own frame come back (a flood
 * that looped, a host reflecting it): it must not re-enter the kernel, which would take it for an
 * address conflict, so it is dropped.
 *
 * <p>VLAN-tagged frames are never claimed: the TAP is an untagged interface.
 *
 * <p>Thread safety: immutable; {@link #classify} is a pure function of the frame.
 */
final class ControlVipMatcher {
    /** Not the controller host's: other processors handle it. */
    static final int PASS = 0;
    /** For the controller host: write it into the TAP. */
    static final int DELIVER = 1;
    /** The controller host's own frame come back: drop it. */
    static final int LOOPED = 2;

    private final long tapMac;
    private final int vip4;
    private final boolean hasVip6;
    private final long vip6Hi;
    private final long vip6Lo;

    ControlVipMatcher(PseudoConfig config) {
        this.tapMac = config.effectiveMac().value();
        this.vip4 = config.controlVip().address().v4();
        this.hasVip6 = config.controlVip6() != null;
        this.vip6Hi = hasVip6 ? config.controlVip6().address().hi() : 0;
        this.vip6Lo = hasVip6 ? config.controlVip6().address().lo() : 0;
    }

    /** {@link #PASS}, {@link #DELIVER} or {@link #LOOPED} for a parsed frame ({@code data} is its bytes). */
    int classify(PacketView v, byte[] data) {
        if (v.l3Offset() == PacketView.NONE || v.vlanTci() >= 0) {
            return PASS;
        }
        if (v.ethSrc() == tapMac) {
            return LOOPED;
        }
        if (v.ethDst() == tapMac) {
            return DELIVER;
        }
        if (v.isArp()) {
            return v.arpTpa() == vip4 ? DELIVER : PASS;
        }
        if (v.ipVersion() == 4) {
            return v.ipv4Dst() == vip4 ? DELIVER : PASS;
        }
        if (v.ipVersion() == 6 && hasVip6) {
            return isForVip6(v, data) ? DELIVER : PASS;
        }
        return PASS;
    }

    private boolean isForVip6(PacketView v, byte[] data) {
        if (v.ipv6DstHi() == vip6Hi && v.ipv6DstLo() == vip6Lo) {
            return true;
        }
        return v.ipProtocol() == 58 && v.icmpType() == Ndp.NEIGHBOR_SOLICITATION
                && Ndp.targetHi(data, v.l4Offset()) == vip6Hi && Ndp.targetLo(data, v.l4Offset()) == vip6Lo;
    }
}
