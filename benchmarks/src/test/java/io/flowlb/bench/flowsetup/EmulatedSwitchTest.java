package io.flowlb.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.openflow.OfMessageEncoder;
import io.flowlb.openflow.OfVersions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;

/** Drives one emulated switch as a controller would, over an EmbeddedChannel. */
class EmulatedSwitchTest {
    private static final OFFactory F13 = OFFactories.getFactory(OFVersion.OF_13);
    private static final long TIMEOUT = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000);
    private EmbeddedChannel ch;
    private EmulatedSwitch sw;

    private void connect(Set<OFVersion> offered, BufferPolicy policy) {
        sw = new EmulatedSwitch(new HostPlan(2, 4, 3), offered, policy, 8, TIMEOUT, clock::get);
        ch = new EmbeddedChannel(new OfMessageEncoder(), sw);
    }

    @AfterEach
    void close() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void completesTheHandshakeAsAnOpenFlow13SwitchWithItsDpidAndPorts() throws Exception {
        connect(EnumSet.of(OFVersion.OF_13), BufferPolicy.AUTO);
        assertThat(outbound()).singleElement().isInstanceOf(OFHello.class);

        controller(OfVersions.hello(EnumSet.of(OFVersion.OF_10, OFVersion.OF_13), 1),
                F13.buildFeaturesRequest().setXid(2).build(),
                F13.buildPortDescStatsRequest().setXid(3).build(),
                F13.buildBarrierRequest().setXid(4).build());

        List<OFMessage> replies = outbound();
        assertThat(replies).hasSize(3);
        OFFeaturesReply features = (OFFeaturesReply) replies.get(0);
        assertThat(features.getXid()).isEqualTo(2);
        assertThat(features.getDatapathId().getLong()).isEqualTo(3);
        assertThat(((OFPortDescStatsReply) replies.get(1)).getEntries()).hasSize(3);
        assertThat(replies.get(2).getXid()).isEqualTo(4);
        assertThat(sw.counters().ready()).isTrue();
        assertThat(sw.counters().version()).isEqualTo("OF_13");
    }

    @Test
    void refusesAControllerWithNoCommonVersion() throws Exception {
        connect(EnumSet.of(OFVersion.OF_13), BufferPolicy.AUTO);
        outbound();

        controller(OFFactories.getFactory(OFVersion.OF_10).buildHello().setXid(1).build());

        assertThat(outbound()).singleElement().isInstanceOf(OFErrorMsg.class);
        assertThat(sw.counters().failure()).contains("no common OpenFlow version");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void learningAnnouncesEveryHostOnceFromItsPortAndEndsWhenAllAreAnswered() throws Exception {
        handshake(BufferPolicy.AUTO);

        sw.startLearning(8);
        ch.runPendingTasks();
        List<OFPacketIn> pins = packetIns();

        assertThat(pins).hasSize(4);
        for (int h = 0; h < 4; h++) {
            OFPacketIn p = pins.get(h);
            assertThat(p.getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(1 + h % 3));
            assertThat(Unpooled.wrappedBuffer(p.getData()).getLong(0) >>> 16).isEqualTo(HostPlan.BROADCAST);
        }
        assertThat(sw.counters().learned()).isFalse();
        for (OFPacketIn p : pins) {
            controller(F13.buildPacketOut().setBufferId(p.getBufferId()).setInPort(OFPort.of(1))
                    .setActions(List.of(F13.actions().output(OFPort.FLOOD, 0xffff))).build());
        }
        assertThat(sw.counters().learned()).isTrue();
        assertThat(sw.counters().answered()).isEqualTo(4);
    }

    @Test
    void keepsTheWindowFullCountingEachFlowModThatNamesAPacketInOnce() throws Exception {
        handshake(BufferPolicy.AUTO);
        sw.startRunning(3);
        ch.runPendingTasks();
        List<OFPacketIn> first = packetIns();
        assertThat(first).hasSize(3);
        clock.addAndGet(50_000);

        controller(flowModFor(first.get(0)), flowModFor(first.get(1)), flowModFor(first.get(1)));

        List<OFPacketIn> next = packetIns();
        assertThat(next).as("one new packet-in per answer").hasSize(2);
        SwitchCounters c = sw.counters();
        assertThat(c.answered()).isEqualTo(2);
        assertThat(c.unmatched()).isEqualTo(1);
        assertThat(c.flowMods()).isEqualTo(3);
        assertThat(c.sent()).isEqualTo(5);
        assertThat(c.rttCount()).isEqualTo(2);
        assertThat(c.rttSumNanos()).isEqualTo(100_000);
        assertThat(next.get(0).getXid()).isGreaterThan(first.get(2).getXid());
    }

    @Test
    void sendsHostToNextHostOnceRunning() throws Exception {
        handshake(BufferPolicy.AUTO);
        sw.startRunning(4);
        ch.runPendingTasks();

        List<OFPacketIn> pins = packetIns();

        HostPlan plan = sw.plan();
        for (int h = 0; h < 4; h++) {
            ByteBuf frame = Unpooled.wrappedBuffer(pins.get(h).getData());
            assertThat(frame.getLong(0) >>> 16).isEqualTo(plan.mac(plan.peer(h)));
            assertThat(frame.getLong(6) >>> 16).isEqualTo(plan.mac(h));
            assertThat(pins.get(h).getMatch().get(MatchField.IN_PORT)).isEqualTo(OFPort.of(plan.port(h)));
        }
    }

    @Test
    void followsAControllerThatAsksForUnbufferedPacketInsAndMatchesItsPacketOutsByData() throws Exception {
        handshake(BufferPolicy.AUTO);
        controller(F13.buildSetConfig().setXid(9).setMissSendLen(0xffff).build());
        sw.startRunning(2);
        ch.runPendingTasks();
        List<OFPacketIn> pins = packetIns();
        assertThat(pins).allSatisfy(p -> assertThat(p.getBufferId()).isEqualTo(OFBufferId.NO_BUFFER));

        OFPacketIn p = pins.get(0);
        controller(F13.buildFlowAdd().setBufferId(OFBufferId.NO_BUFFER).setMatch(F13.matchWildcardAll()).build(),
                F13.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.of(1))
                        .setActions(List.of(F13.actions().output(OFPort.of(2), 0xffff))).setData(p.getData()).build());

        SwitchCounters c = sw.counters();
        assertThat(c.answered()).isEqualTo(1);
        assertThat(c.unbufferedFlowMods()).isEqualTo(1);
        assertThat(c.buffered()).isFalse();
        assertThat(packetIns()).hasSize(1);
    }

    @Test
    void countsTheControllersOwnPacketOutsApartFromAnswers() throws Exception {
        handshake(BufferPolicy.NEVER);
        sw.startRunning(1);
        ch.runPendingTasks();
        packetIns();
        byte[] lldp = new byte[60];
        lldp[12] = (byte) 0x88;
        lldp[13] = (byte) 0xcc;

        controller(F13.buildPacketOut().setBufferId(OFBufferId.NO_BUFFER).setInPort(OFPort.CONTROLLER)
                .setActions(List.of(F13.actions().output(OFPort.of(1), 0xffff))).setData(lldp).build());

        assertThat(sw.counters().otherPacketOuts()).isEqualTo(1);
        assertThat(sw.counters().unmatched()).isZero();
        assertThat(sw.counters().answered()).isZero();
    }

    @Test
    void givesUpOnUnansweredPacketInsAfterTheTimeoutAndSendsNewOnes() throws Exception {
        handshake(BufferPolicy.ALWAYS);
        sw.startRunning(2);
        ch.runPendingTasks();
        assertThat(packetIns()).hasSize(2);

        clock.addAndGet(TIMEOUT + 1);
        sw.tick();

        assertThat(sw.counters().expired()).isEqualTo(2);
        assertThat(packetIns()).hasSize(2);
    }

    @Test
    void countsControllerErrorsAndReportsAClosedConnection() throws Exception {
        handshake(BufferPolicy.AUTO);

        controller(F13.errorMsgs().buildBadRequestErrorMsg().setXid(5)
                .setCode(org.projectfloodlight.openflow.protocol.OFBadRequestCode.BAD_TYPE).build());
        ch.close();

        assertThat(sw.counters().errors()).isEqualTo(1);
        assertThat(sw.counters().firstError()).contains("BAD_TYPE");
        assertThat(sw.counters().failure()).contains("closed the connection");
    }

    @Test
    void speaksOpenFlow10WhenAskedTo() throws Exception {
        connect(EnumSet.of(OFVersion.OF_10), BufferPolicy.AUTO);
        OFFactory f10 = OFFactories.getFactory(OFVersion.OF_10);
        outbound();
        controller(f10.buildHello().setXid(1).build(), f10.buildFeaturesRequest().setXid(2).build());
        OFFeaturesReply features = (OFFeaturesReply) outbound().get(0);
        assertThat(features.getPorts()).hasSize(3);

        sw.startRunning(1);
        ch.runPendingTasks();
        OFPacketIn p = packetIns().get(0);
        controller(f10.buildFlowAdd().setBufferId(p.getBufferId()).setMatch(f10.matchWildcardAll()).build());

        assertThat(p.getVersion()).isEqualTo(OFVersion.OF_10);
        assertThat(sw.counters().answered()).isEqualTo(1);
    }

    private void handshake(BufferPolicy policy) throws Exception {
        connect(EnumSet.of(OFVersion.OF_13), policy);
        controller(OfVersions.hello(EnumSet.of(OFVersion.OF_13), 1), F13.buildFeaturesRequest().setXid(2).build());
        outbound();
    }

    private static OFMessage flowModFor(OFPacketIn p) {
        return F13.buildFlowAdd().setBufferId(p.getBufferId()).setMatch(F13.matchWildcardAll())
                .setActions(List.of(F13.actions().output(OFPort.of(2), 0xffff))).build();
    }

    private void controller(OFMessage... msgs) {
        ByteBuf buf = Unpooled.buffer();
        for (OFMessage m : msgs) {
            m.writeTo(buf);
        }
        ch.writeInbound(buf);
        ch.runPendingTasks();
    }

    private List<OFMessage> outbound() throws Exception {
        List<OFMessage> out = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            try {
                while (b.isReadable()) {
                    out.add(OFFactories.getGenericReader().readFrom(b));
                }
            } finally {
                b.release();
            }
        }
        return out;
    }

    private List<OFPacketIn> packetIns() throws Exception {
        List<OFPacketIn> out = new ArrayList<>();
        for (OFMessage m : outbound()) {
            assertThat(m).isInstanceOf(OFPacketIn.class);
            out.add((OFPacketIn) m);
        }
        return out;
    }
}
