package io.flowlb.flowswitch.apps;

import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.loadbalancer.packet.ArpReplies;
import io.flowlb.loadbalancer.packet.BigEndian;
import io.flowlb.loadbalancer.packet.NeighborAdvertisements;
import io.flowlb.loadbalancer.packet.PacketView;

/**
 * {@code app-arp}: answers ARP requests, and IPv6 neighbor solicitations, for whatever address
 * they ask about, with the MAC address the frame carries in its Ethernet source at this point
 * of the pipeline. The controller configures it with flows such as
 * {@code arp,arp_op=1,arp_tpa=VIP actions=set_field:VMAC->eth_src,output:app-arp}: the flow
 * decides which addresses are answered and with which MAC; the reply goes back out of the
 * port the request came in on.
 *
 * <p>ARP: the reply's sender is (VMAC, the requested address), its target the requester's
 * (sha, spa), sent to the requester's hardware address. IPv6: the advertisement goes to the
 * solicitation's source, at the MAC of its source link-layer address option (the Ethernet
 * source was rewritten to the answer), solicited and override set; a solicitation without that
 * option (and not from the unspecified address) cannot be answered and is counted as ignored.
 *
 * <p>Thread safety: one instance per poller.
 */
public final class ArpResponder extends ReplyingApp {
    public static final String NAME = "app-arp";
    private static final int ARP_REPLIES = 2;
    private static final int NA_SENT = 3;
    private static final int ND_OPT_SOURCE_LL = 1;

    public ArpResponder() {
        super("app_arp", "replies", "na_sent");
    }

    public static AppDescriptor descriptor() {
        return new AppDescriptor(PortNumbers.APP_ARP, NAME, ArpResponder::new);
    }

    @Override
    public void onFrame(AppContext ctx, int inPort, PacketView frame) {
        if (ArpReplies.isRequest(frame)) {
            reply(ctx, inPort, frame, ARP_REPLIES);
        } else if (NeighborAdvertisements.isSolicitation(frame)) {
            reply(ctx, inPort, frame, NA_SENT);
        } else {
            count(IGNORED);
        }
    }

    @Override
    int build(PacketView frame, FrameBuffer buffer) {
        long mac = frame.ethSrc();
        if (frame.isArp()) {
            return ArpReplies.write(frame, mac, buffer.segment(), 0);
        }
        long requester = sourceLinkLayer(frame);
        if (requester < 0) {
            return -1;
        }
        int len = NeighborAdvertisements.write(frame, mac, buffer.segment(), 0);
        if (len > 0 && requester > 0) {
            BigEndian.putU48(buffer.segment(), 0, requester); // the Ethernet source was rewritten
        }
        return len;
    }

    /**
     * The MAC of the solicitation's source link-layer address option, 0 when the solicitation
     * is from the unspecified address (duplicate address detection: answered to all-nodes), or
     * -1 when it has no such option (nowhere to send the answer).
     */
    private static long sourceLinkLayer(PacketView v) {
        if (v.ipv6SrcHi() == 0 && v.ipv6SrcLo() == 0) {
            return 0;
        }
        long at = v.base() + v.l4Offset() + 24;
        long end = v.base() + v.l4Offset() + v.l4Length();
        while (at + 8 <= end) {
            int type = BigEndian.u8(v.segment(), at);
            int units = BigEndian.u8(v.segment(), at + 1);
            if (units == 0) {
                return -1;
            }
            if (type == ND_OPT_SOURCE_LL) {
                return BigEndian.u48(v.segment(), at + 2);
            }
            at += units * 8L;
        }
        return -1;
    }
}
