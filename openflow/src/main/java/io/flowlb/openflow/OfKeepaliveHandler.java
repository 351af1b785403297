package io.flowlb.openflow;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Echo keepalive for one OpenFlow session, in both roles: answers every ECHO_REQUEST with an
 * ECHO_REPLY carrying the same xid and data (and does not pass it on), and when nothing has been
 * read for one idle period sends an ECHO_REQUEST; after {@code maxMissed} silent periods in a row
 * it closes the channel, so a dead peer is noticed and the session can reconnect or be cleaned up.
 *
 * <p>Needs an {@link io.netty.handler.timeout.IdleStateHandler} with a reader idle time before it
 * in the pipeline. ECHO_REPLY messages are passed on (a session may time its round trips).
 *
 * <p>Thread safety: one instance per channel; all methods run on the channel's event loop.
 */
public final class OfKeepaliveHandler extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OfKeepaliveHandler.class);

    private final int maxMissed;
    private volatile OFVersion version = OFVersion.OF_13;
    private int missed;
    private long nextEchoXid = 0xE000_0000L;

    public OfKeepaliveHandler(int maxMissed) {
        this.maxMissed = Math.max(1, maxMissed);
    }

    /** The version to send echo requests in, once the handshake has agreed one. */
    public void version(OFVersion v) {
        this.version = v;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        missed = 0;
        if (msg instanceof OFEchoRequest req) {
            OFEchoReply reply = OFFactories.getFactory(req.getVersion()).buildEchoReply()
                    .setXid(req.getXid())
                    .setData(req.getData())
                    .build();
            ctx.writeAndFlush(reply);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent e && e.state() == IdleState.READER_IDLE) {
            missed++;
            if (missed > maxMissed) {
                LOG.warn("OpenFlow peer {} silent for {} echo periods: closing the session", ctx.channel().remoteAddress(),
                        maxMissed);
                ctx.close();
                return;
            }
            ctx.writeAndFlush(OFFactories.getFactory(version).buildEchoRequest()
                    .setXid(nextEchoXid++ & 0xffff_ffffL)
                    .setData(new byte[0])
                    .build());
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
