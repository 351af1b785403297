package io.flowlb.controller.openflow;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.atomic.LongAdder;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;

/**
 * Counts the OpenFlow messages of one switch connection as they pass between the codec and the
 * session: controller-wide by direction and type (in {@link OpenFlowStats}), and for this
 * connection its PACKET_INs and ERRORs (what {@code /metrics} and {@code /api/v1/switches} show
 * per switch). Echo keepalives are counted too, since the keepalive handler sits above it.
 *
 * <p>Thread safety: the handler runs on its channel's event loop; the counters may be read from
 * any thread.
 */
final class MessageCounter extends ChannelDuplexHandler {
    static final String NAME = "of-count";

    private final OpenFlowStats stats;
    private final LongAdder packetIns = new LongAdder();
    private final LongAdder errors = new LongAdder();

    MessageCounter(OpenFlowStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof OFMessage m) {
            OFType type = m.getType();
            stats.received(type);
            if (type == OFType.PACKET_IN) {
                packetIns.increment();
            } else if (type == OFType.ERROR) {
                errors.increment();
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof OFMessage m) {
            stats.sent(m.getType());
        }
        ctx.write(msg, promise);
    }

    /** A message the session encoded itself into a batch buffer (which passes this handler as bytes). */
    void sentEncoded(OFType type) {
        stats.sent(type);
    }

    /** PACKET_IN messages this switch sent on this connection. */
    long packetIns() {
        return packetIns.sum();
    }

    /** ERROR messages this switch sent on this connection (answers to requests and unsolicited ones). */
    long errors() {
        return errors.sum();
    }
}
