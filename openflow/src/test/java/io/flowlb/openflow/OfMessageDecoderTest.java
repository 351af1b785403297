package io.flowlb.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;

class OfMessageDecoderTest {
    private final OFFactory of13 = OFFactories.getFactory(OFVersion.OF_13);

    private static ByteBuf wire(OFMessage... msgs) {
        ByteBuf b = Unpooled.buffer();
        for (OFMessage m : msgs) {
            m.writeTo(b);
        }
        return b;
    }

    @Test
    void decodesMessagesSplitAcrossReads() {
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder());
        ByteBuf all = wire(of13.buildEchoRequest().setXid(7).setData(new byte[] {1, 2, 3}).build(),
                of13.buildBarrierRequest().setXid(8).build());
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(Math.min(3, all.readableBytes())));
        }
        OFEchoRequest echo = ch.readInbound();
        OFBarrierRequest barrier = ch.readInbound();
        assertThat(echo.getXid()).isEqualTo(7);
        assertThat(echo.getData()).containsExactly(1, 2, 3);
        assertThat(barrier.getXid()).isEqualTo(8);
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void reportsUnknownTypeAndKeepsDecodingTheNextMessage() {
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder());
        ByteBuf b = Unpooled.buffer();
        b.writeByte(4).writeByte(200).writeShort(12).writeInt(99).writeInt(0xdeadbeef);
        of13.buildBarrierRequest().setXid(5).build().writeTo(b);
        ch.writeInbound(b);
        MalformedMessage bad = ch.readInbound();
        assertThat(bad.fatal()).isFalse();
        assertThat(bad.xid()).isEqualTo(99);
        assertThat(bad.wireType()).isEqualTo(200);
        assertThat(bad.head()).hasSize(12);
        OFBarrierRequest next = ch.readInbound();
        assertThat(next.getXid()).isEqualTo(5);
    }

    @Test
    void reportsBodyShorterThanItsTypeNeeds() {
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder());
        ByteBuf b = Unpooled.buffer();
        // FLOW_MOD (type 14) with a length that leaves no room for its fixed body.
        b.writeByte(4).writeByte(14).writeShort(16).writeInt(3).writeLong(0);
        ch.writeInbound(b);
        MalformedMessage bad = ch.readInbound();
        assertThat(bad.fatal()).isFalse();
        assertThat(bad.wireType()).isEqualTo(14);
    }

    @Test
    void lengthBelowHeaderIsFatalAndDiscardsTheRest() {
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder());
        ByteBuf b = Unpooled.buffer();
        b.writeByte(4).writeByte(2).writeShort(4).writeInt(1);
        of13.buildBarrierRequest().setXid(5).build().writeTo(b);
        ch.writeInbound(b);
        MalformedMessage bad = ch.readInbound();
        assertThat(bad.fatal()).isTrue();
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(wire(of13.buildBarrierRequest().setXid(6).build()));
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void unknownVersionIsAnsweredWithBadVersion() {
        EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder());
        ByteBuf b = Unpooled.buffer();
        b.writeByte(0x42).writeByte(0).writeShort(8).writeInt(11);
        ch.writeInbound(b);
        MalformedMessage bad = ch.readInbound();
        assertThat(bad.knownVersion()).isFalse();
        assertThat(OfErrors.forMalformed(bad).getXid()).isEqualTo(11);
        assertThat(OfErrors.forMalformed(bad).toString()).contains("BAD_VERSION");
    }

    @Test
    void randomBytesNeverThrow() {
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < 2_000; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new OfMessageDecoder());
            byte[] junk = new byte[rnd.nextInt(200)];
            rnd.nextBytes(junk);
            if (junk.length >= 4) {
                junk[0] = (byte) (1 + rnd.nextInt(6));
                int len = Math.min(junk.length, 8 + rnd.nextInt(120));
                junk[2] = (byte) (len >> 8);
                junk[3] = (byte) len;
            }
            ch.writeInbound(Unpooled.wrappedBuffer(junk));
            Object o;
            while ((o = ch.readInbound()) != null) {
                assertThat(o).isInstanceOfAny(OFMessage.class, MalformedMessage.class);
            }
            ch.finishAndReleaseAll();
        }
    }
}
