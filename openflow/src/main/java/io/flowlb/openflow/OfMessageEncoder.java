package io.flowlb.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * Writes OpenFlowJ messages to the wire.
 *
 * <p>Thread safety: stateless; Netty calls it on the channel's event loop.
 */
public final class OfMessageEncoder extends MessageToByteEncoder<OFMessage> {

    public OfMessageEncoder() {
        super(OFMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OFMessage msg, ByteBuf out) {
        msg.writeTo(out);
    }
}
