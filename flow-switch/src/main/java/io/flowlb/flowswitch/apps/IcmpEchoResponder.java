package io.flowlb.flowswitch.apps;

import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.loadbalancer.packet.IcmpEchoReplies;
import io.flowlb.loadbalancer.packet.PacketView;

/**
 * {@code app-icmp}: answers ICMP and ICMPv6 echo requests out of the port they came in on, from
 * the address they were sent to (MACs and addresses swapped, identifier, sequence and data
 * kept). A flow such as {@code icmp,nw_dst=VIP,icmp_type=8 actions=output:app-icmp} makes a VIP
 * answer ping with no controller involved. Anything else is ignored and counted.
 *
 * <p>Thread safety: one instance per poller.
 */
public final class IcmpEchoResponder extends ReplyingApp {
    public static final String NAME = "app-icmp";
    private static final int REPLIES = 2;

    public IcmpEchoResponder() {
        super("app_icmp", "replies");
    }

    public static AppDescriptor descriptor() {
        return new AppDescriptor(PortNumbers.APP_ICMP, NAME, IcmpEchoResponder::new);
    }

    @Override
    public void onFrame(AppContext ctx, int inPort, PacketView frame) {
        if (IcmpEchoReplies.isRequest(frame)) {
            reply(ctx, inPort, frame, REPLIES);
        } else {
            count(IGNORED);
        }
    }

    @Override
    int build(PacketView frame, FrameBuffer buffer) {
        return IcmpEchoReplies.write(frame, buffer.segment(), 0);
    }
}
