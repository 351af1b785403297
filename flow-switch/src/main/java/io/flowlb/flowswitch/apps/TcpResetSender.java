package io.flowlb.flowswitch.apps;

import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.packet.TcpResets;

/**
 * {@code app-rst}: refuses segments for invalid service entries the way the packet filter of
 * the design does: TCP gets a reset (RFC 793 section 3.4) out of the port it came in on, UDP is
 * dropped and counted, and so is anything else (a reset or a fragment is never answered). A
 * flow such as {@code tcp,nw_dst=VIP,tp_dst=8080 actions=output:app-rst} closes a port of a VIP
 * at once instead of letting clients time out.
 *
 * <p>Thread safety: one instance per poller.
 */
public final class TcpResetSender extends ReplyingApp {
    public static final String NAME = "app-rst";
    private static final int RESETS = 2;
    private static final int UDP_DROPPED = 3;

    public TcpResetSender() {
        super("app_rst", "sent", "udp_dropped");
    }

    public static AppDescriptor descriptor() {
        return new AppDescriptor(PortNumbers.APP_RST, NAME, TcpResetSender::new);
    }

    @Override
    public void onFrame(AppContext ctx, int inPort, PacketView frame) {
        if (frame.isTcp()) {
            reply(ctx, inPort, frame, RESETS);
        } else {
            count(frame.isUdp() ? UDP_DROPPED : IGNORED);
        }
    }

    @Override
    int build(PacketView frame, FrameBuffer buffer) {
        return TcpResets.write(frame, buffer.segment(), 0);
    }
}
