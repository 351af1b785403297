package io.flowlb.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

class OfWireTest {

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void readsTheBufferIdOfFlowModsAndPacketOutsAsOpenFlowJWritesThem(OFVersion v) {
        OFFactory f = OFFactories.getFactory(v);
        OFMessage flowMod = f.buildFlowAdd().setBufferId(OFBufferId.of(0x1234_5678)).setMatch(f.matchWildcardAll())
                .setActions(List.of(f.actions().output(OFPort.of(2), 0xffff))).build();
        OFMessage packetOut = f.buildPacketOut().setBufferId(OFBufferId.of(42)).setInPort(OFPort.of(1))
                .setActions(List.of(f.actions().output(OFPort.FLOOD, 0xffff))).build();
        boolean of13 = v == OFVersion.OF_13;

        ByteBuf fm = bytes(flowMod);
        ByteBuf po = bytes(packetOut);

        assertThat(OfWire.type(fm, 0)).isEqualTo(OfWire.TYPE_FLOW_MOD);
        assertThat(OfWire.bufferId(fm, 0, fm.readableBytes(), OfWire.TYPE_FLOW_MOD, of13)).isEqualTo(0x1234_5678L);
        assertThat(OfWire.type(po, 0)).isEqualTo(OfWire.TYPE_PACKET_OUT);
        assertThat(OfWire.bufferId(po, 0, po.readableBytes(), OfWire.TYPE_PACKET_OUT, of13)).isEqualTo(42L);
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void findsThePacketOutDataAfterItsActions(OFVersion v) {
        OFFactory f = OFFactories.getFactory(v);
        byte[] frame = PacketInTemplate.frame(1, 2, 0x0102_0304);
        OFMessage packetOut = f.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.of(1))
                .setActions(List.of(f.actions().output(OFPort.of(3), 0xffff), f.actions().output(OFPort.of(4), 0xffff)))
                .setData(frame).build();
        ByteBuf po = bytes(packetOut);

        int data = OfWire.packetOutDataOffset(po, 0, po.readableBytes(), v == OFVersion.OF_13);

        assertThat(po.readableBytes() - data).isEqualTo(frame.length);
        assertThat(po.getInt(data + PacketInTemplate.TAG_IN_FRAME)).isEqualTo(0x0102_0304);
        assertThat(OfWire.bufferId(po, 0, po.readableBytes(), OfWire.TYPE_PACKET_OUT, v == OFVersion.OF_13))
                .isEqualTo(OfWire.NO_BUFFER);
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_10", "OF_13"})
    void rejectsAnActionsLengthThatRunsPastTheMessage(OFVersion v) {
        boolean of13 = v == OFVersion.OF_13;
        ByteBuf po = Unpooled.buffer();
        po.writeByte(v.getWireVersion()).writeByte(OfWire.TYPE_PACKET_OUT).writeShort(32).writeInt(1);
        po.writeZero(24);
        po.setShort(of13 ? OfWire.PACKET_OUT_ACTIONS_LEN_13 : OfWire.PACKET_OUT_ACTIONS_LEN_10, 200);

        assertThat(OfWire.packetOutDataOffset(po, 0, 32, of13)).isEqualTo(-1);
        assertThat(OfWire.bufferId(po, 0, 10, OfWire.TYPE_FLOW_MOD, of13)).isEqualTo(-1);
    }

    private static ByteBuf bytes(OFMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.writeTo(b);
        return b;
    }
}
