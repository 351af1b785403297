package io.flowlb.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFVersion;

class OfKeepaliveHandlerTest {

    @Test
    void answersEchoRequestWithSameXidAndData() {
        EmbeddedChannel ch = new EmbeddedChannel(new OfKeepaliveHandler(3));
        ch.writeInbound(OFFactories.getFactory(OFVersion.OF_10).buildEchoRequest().setXid(77)
                .setData(new byte[] {9, 8}).build());
        OFEchoReply reply = ch.readOutbound();
        assertThat(reply.getXid()).isEqualTo(77);
        assertThat(reply.getVersion()).isEqualTo(OFVersion.OF_10);
        assertThat(reply.getData()).containsExactly(9, 8);
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void probesASilentPeerAndClosesAfterTooManyMissedEchoes() throws Exception {
        OfKeepaliveHandler h = new OfKeepaliveHandler(2);
        EmbeddedChannel ch = new EmbeddedChannel(h);
        for (int i = 0; i < 2; i++) {
            ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
            assertThat((Object) ch.readOutbound()).isInstanceOf(OFEchoRequest.class);
            assertThat(ch.isOpen()).isTrue();
        }
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void anyReplyResetsTheMissedCount() {
        EmbeddedChannel ch = new EmbeddedChannel(new OfKeepaliveHandler(1));
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        ch.readOutbound();
        ch.writeInbound(OFFactories.getFactory(OFVersion.OF_13).buildEchoReply().setXid(1).setData(new byte[0]).build());
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(ch.isOpen()).isTrue();
    }
}
