package io.flowlb.controller.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFEchoReply;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * A fake switch sends broken OpenFlow after a good handshake: its session answers with ERRORs
 * or closes, and a good switch on the same controller keeps working throughout.
 */
class OpenFlowFuzzTest {
    private final ManualEventScheduler events = new ManualEventScheduler();
    private final SwitchManager manager = new SwitchManager(events, SessionConfig.defaults(), 10_000);
    private final List<OFMessage> delivered = new ArrayList<>();
    private final FakeSwitch good;

    OpenFlowFuzzTest() {
        manager.addMessageListener((sw, m) -> delivered.add(m));
        good = new FakeSwitch(manager, OFVersion.OF_13, 0x600d, 1, 2).connect();
    }

    private static ByteBuf raw(int version, int type, int length, long xid, int bodyBytes) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(version).writeByte(type).writeShort(length).writeInt((int) xid);
        b.writeZero(bodyBytes);
        return b;
    }

    private OFPacketIn packetIn(FakeSwitch s) {
        return s.factory.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setReason(OFPacketInReason.NO_MATCH)
                .setMatch(s.factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build())
                .setData(new byte[64]).build();
    }

    /** The good switch still answers the controller, and its PACKET_INs still reach applications. */
    private void assertGoodSwitchStillWorks() {
        assertThat(good.isOpen()).isTrue();
        assertThat(manager.getSwitch(good.dpid)).isNotNull();
        int before = delivered.size();
        good.send(packetIn(good));
        assertThat(delivered).hasSize(before + 1);
        good.clearReceived();
        assertThat(manager.send(good.dpid, good.factory.buildFlowAdd().setMatch(good.factory.matchWildcardAll()).build()))
                .isTrue();
        good.pump();
        assertThat(good.received(OFFlowAdd.class)).hasSize(1);
        good.send(good.factory.buildEchoRequest().setXid(4242).setData(new byte[] {1}).build());
        assertThat(good.received(OFEchoReply.class)).anySatisfy(r -> assertThat(r.getXid()).isEqualTo(4242));
        var barrier = manager.barrier(good.dpid);
        good.pump();
        assertThat(barrier).isCompleted();
    }

    @Test
    void unknownTypeAndShortBodyGetErrorsAndTheSessionCarriesOn() {
        FakeSwitch bad = new FakeSwitch(manager, OFVersion.OF_13, 0xbad, 1).connect();
        bad.clearReceived();
        bad.sendBytes(raw(4, 200, 12, 31, 4));
        bad.sendBytes(raw(4, 14, 16, 32, 8));

        List<OFBadRequestErrorMsg> errors = bad.received(OFBadRequestErrorMsg.class);
        assertThat(errors).extracting(OFMessage::getXid).containsExactly(31L, 32L);
        assertThat(errors.get(0).getCode()).isEqualTo(OFBadRequestCode.BAD_TYPE);
        assertThat(errors.get(1).getCode()).isEqualTo(OFBadRequestCode.BAD_LEN);
        assertThat(bad.isOpen()).isTrue();
        bad.send(bad.factory.buildEchoRequest().setXid(5).setData(new byte[0]).build());
        assertThat(bad.received(OFEchoReply.class)).hasSize(1);
        assertGoodSwitchStillWorks();
    }

    @Test
    void lengthBelowTheHeaderClosesOnlyThatSession() {
        FakeSwitch bad = new FakeSwitch(manager, OFVersion.OF_13, 0xbad, 1).connect();
        bad.sendBytes(raw(4, 10, 4, 1, 0));

        assertThat(bad.isOpen()).isFalse();
        assertThat(manager.getSwitch(bad.dpid)).isNull();
        assertThat(manager.stats().sessionsClosedOnError.sum()).isEqualTo(1);
        assertGoodSwitchStillWorks();
    }

    @Test
    void truncatedMessageFollowedByDisconnectLeavesOtherSessionsWorking() {
        FakeSwitch bad = new FakeSwitch(manager, OFVersion.OF_13, 0xbad, 1).connect();
        bad.sendBytes(raw(4, 10, 1000, 1, 20));
        assertThat(bad.isOpen()).isTrue();
        bad.disconnect();

        assertThat(manager.getSwitch(bad.dpid)).isNull();
        assertGoodSwitchStillWorks();
    }

    @Test
    void tooManyMalformedMessagesCloseTheSession() {
        FakeSwitch bad = new FakeSwitch(manager, OFVersion.OF_13, 0xbad, 1).connect();
        for (int i = 0; i <= SessionConfig.defaults().maxMalformed() && bad.isOpen(); i++) {
            bad.sendBytes(raw(4, 200, 8, i, 0));
        }

        assertThat(bad.isOpen()).isFalse();
        assertGoodSwitchStillWorks();
    }

    @Test
    void controllerToSwitchMessageFromASwitchIsAnsweredBadType() {
        FakeSwitch bad = new FakeSwitch(manager, OFVersion.OF_13, 0xbad, 1).connect();
        bad.send(bad.factory.buildFlowAdd().setXid(99).setMatch(bad.factory.matchWildcardAll()).build());

        OFBadRequestErrorMsg err = bad.received(OFBadRequestErrorMsg.class).get(0);
        assertThat(err.getCode()).isEqualTo(OFBadRequestCode.BAD_TYPE);
        assertThat(err.getXid()).isEqualTo(99);
        assertThat(bad.isOpen()).isTrue();
    }

    @Test
    void messageInAnotherVersionAfterNegotiationIsAnsweredBadVersion() {
        FakeSwitch bad = new FakeSwitch(manager, OFVersion.OF_13, 0xbad, 1).connect();
        bad.sendBytes(raw(1, 5, 8, 17, 0));

        OFBadRequestErrorMsg err = bad.received(OFBadRequestErrorMsg.class).get(0);
        assertThat(err.getCode()).isEqualTo(OFBadRequestCode.BAD_VERSION);
        assertThat(bad.isOpen()).isTrue();
    }

    @Test
    void randomBytesAndMutatedMessagesNeverEscapeTheirSession() {
        Random rnd = new Random(20261123L);
        for (int round = 0; round < 300; round++) {
            FakeSwitch bad = new FakeSwitch(manager, OFVersion.OF_13, 0x1000 + round, 1, 2).connect();
            for (int i = 0; i < 8 && bad.isOpen(); i++) {
                bad.sendBytes(rnd.nextBoolean() ? randomBytes(rnd) : mutated(bad, rnd));
            }
            bad.channel.checkException();
            bad.disconnect();
        }
        assertThat(manager.stats().malformedMessages.sum()).isPositive();
        assertThat(manager.switches()).extracting(OfSwitch::dpid).containsExactly(good.dpid);
        assertGoodSwitchStillWorks();
    }

    private static ByteBuf randomBytes(Random rnd) {
        byte[] b = new byte[1 + rnd.nextInt(200)];
        rnd.nextBytes(b);
        if (rnd.nextBoolean() && b.length >= 4) {
            b[0] = 4;
            int len = rnd.nextInt(b.length + 16);
            b[2] = (byte) (len >>> 8);
            b[3] = (byte) len;
        }
        return Unpooled.wrappedBuffer(b);
    }

    private ByteBuf mutated(FakeSwitch s, Random rnd) {
        OFMessage m = switch (rnd.nextInt(3)) {
            case 0 -> packetIn(s);
            case 1 -> s.factory.buildPortStatus().setReason(OFPortReason.MODIFY).setDesc(s.port(2, false)).build();
            default -> s.factory.errorMsgs().buildBadRequestErrorMsg().setCode(OFBadRequestCode.BAD_LEN).build();
        };
        ByteBuf b = Unpooled.buffer();
        m.writeTo(b);
        for (int flips = 1 + rnd.nextInt(4); flips > 0; flips--) {
            int at = 1 + rnd.nextInt(b.writerIndex() - 1);
            b.setByte(at, b.getByte(at) ^ (1 << rnd.nextInt(8)));
        }
        return b;
    }
}
