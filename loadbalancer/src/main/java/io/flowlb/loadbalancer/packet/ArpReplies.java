package io.flowlb.loadbalancer.packet;

import java.lang.foreign.MemorySegment;

/**
 * ARP replies for addresses the switch answers for itself (VIPs, the router pool's gateway
 * address), and gratuitous announcements after a failover.
 *
 * <p>Design: writes into caller memory and allocates nothing, so it runs on the poller thread.
 * The reply keeps the request's VLAN tag. The output may be the request's own memory (an
 * in-place answer): every input field is read before anything is written. Frames are not padded
 * to 60 bytes; the sending link does that.
 *
 * <p>Thread safety: stateless.
 */
public final class ArpReplies {
    private static final int ARP_BODY = 28;
    private static final long BROADCAST = 0xffff_ffff_ffffL;

    private ArpReplies() {
    }

    /** True for a parsed ARP request (operation 1) for IPv4 over Ethernet. */
    public static boolean isRequest(PacketView v) {
        return v.isArp() && v.arpOp() == 1;
    }

    /**
     * Writes the reply to {@code request} saying that its target address is at {@code mac}.
     * Returns the frame length, or {@link BuildResult#NOT_APPLICABLE} when the view is not an ARP
     * request, or {@link BuildResult#NO_ROOM}.
     */
    public static int write(PacketView request, long mac, MemorySegment out, long offset) {
        if (!isRequest(request)) {
            return BuildResult.NOT_APPLICABLE;
        }
        int tci = request.vlanTci();
        int length = request.l3Offset() + ARP_BODY;
        if (!HeaderWriter.fits(out, offset, length)) {
            return BuildResult.NO_ROOM;
        }
        long asker = request.arpSha();
        int askerIp = request.arpSpa();
        int answeredIp = request.arpTpa();
        int l3 = HeaderWriter.ethernet(out, offset, asker, mac, tci, EtherType.ARP);
        HeaderWriter.arp(out, offset + l3, 2, mac, answeredIp, asker, askerIp);
        return length;
    }

    /**
     * Writes a gratuitous ARP announcement (RFC 5227: a broadcast request whose sender and
     * target address are both {@code ip}) so that neighbours learn {@code ip} is now at
     * {@code mac}. {@code vlanTci} is -1 for an untagged frame. Returns the length or
     * {@link BuildResult#NO_ROOM}.
     */
    public static int writeAnnouncement(long mac, int ip, int vlanTci, MemorySegment out, long offset) {
        int length = (vlanTci < 0 ? PacketView.ETH_HEADER : PacketView.ETH_HEADER + PacketView.VLAN_TAG) + ARP_BODY;
        if (!HeaderWriter.fits(out, offset, length)) {
            return BuildResult.NO_ROOM;
        }
        int l3 = HeaderWriter.ethernet(out, offset, BROADCAST, mac, vlanTci, EtherType.ARP);
        HeaderWriter.arp(out, offset + l3, 1, mac, ip, 0, ip);
        return length;
    }
}
