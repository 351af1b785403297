package io.flowlb.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFPort;

class PacketInTemplateTest {

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void patchedCopiesDecodeAsPacketInsWithTheGivenFields(OFVersion v) throws Exception {
        PacketInTemplate t = PacketInTemplate.of(v);
        ByteBuf buf = Unpooled.buffer();
        t.write(buf, 77, 12345, 3, 0x0200_0000_0005L, 0x0200_0000_0004L, 12345);
        t.write(buf, 78, OfWire.NO_BUFFER, 65000, HostPlan.BROADCAST, 0x0200_0100_0009L, 99);

        OFPacketIn first = (OFPacketIn) OFFactories.getGenericReader().readFrom(buf);
        OFPacketIn second = (OFPacketIn) OFFactories.getGenericReader().readFrom(buf);

        assertThat(first.getVersion()).isEqualTo(v);
        assertThat(first.getXid()).isEqualTo(77);
        assertThat(first.getBufferId().getInt()).isEqualTo(12345);
        assertThat(inPort(first)).isEqualTo(OFPort.of(3));
        assertThat(first.getData()).isEqualTo(PacketInTemplate.frame(0x0200_0000_0005L, 0x0200_0000_0004L, 12345));
        assertThat(first.getTotalLen()).isEqualTo(PacketInTemplate.FRAME_BYTES);
        assertThat(second.getXid()).isEqualTo(78);
        assertThat(second.getBufferId().getInt()).isEqualTo(-1);
        assertThat(inPort(second)).isEqualTo(OFPort.of(65000));
        assertThat(second.getData()).isEqualTo(PacketInTemplate.frame(HostPlan.BROADCAST, 0x0200_0100_0009L, 99));
        assertThat(buf.readableBytes()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void frameIsA60ByteUdpPacketWithValidIpChecksumAndTheTagInThePayload(OFVersion v) {
        byte[] f = PacketInTemplate.frame(0x0a0b_0c0d_0e0fL, 0x0102_0304_0506L, 0xcafe_f00d);
        ByteBuf b = Unpooled.wrappedBuffer(f);
        assertThat(f).hasSize(60);
        assertThat(b.getUnsignedShort(12)).isEqualTo(0x0800);
        assertThat(b.getByte(23)).isEqualTo((byte) 17);
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += b.getUnsignedShort(i);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        assertThat(sum).isEqualTo(0xffff);
        assertThat(b.getInt(PacketInTemplate.TAG_IN_FRAME)).isEqualTo(0xcafe_f00d);
        assertThat(PacketInTemplate.of(v).dataOffset() + PacketInTemplate.FRAME_BYTES)
                .isEqualTo(PacketInTemplate.of(v).length());
    }

    private static OFPort inPort(OFPacketIn p) {
        return p.getVersion() == OFVersion.OF_10 ? p.getInPort() : p.getMatch().get(MatchField.IN_PORT);
    }
}
