package io.flowlb.controller.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.openflow.OfVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFGroupDelete;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.errormsg.OFHelloFailedErrorMsg;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFRoleReply;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.U64;

class SwitchHandshakeTest {
    private final ManualEventScheduler events = new ManualEventScheduler();
    private final SwitchManager manager = new SwitchManager(events, SessionConfig.defaults(), 1000);
    private final List<String> seen = new ArrayList<>();

    SwitchHandshakeTest() {
        manager.addListener(new SwitchListener() {
            @Override
            public void switchConnected(OfSwitch sw) {
                seen.add("connected " + sw.dpid() + " session " + sw.session());
            }

            @Override
            public void switchDisconnected(OfSwitch sw) {
                seen.add("disconnected " + sw.dpid() + " session " + sw.session());
            }

            @Override
            public void portChanged(OfSwitch sw, PortDesc port, PortDesc previous, PortChange change) {
                seen.add(change + " " + port.number() + (port.isUp() ? " up" : " down"));
            }
        });
    }

    @Test
    void openFlow13SwitchConnectsWithItsPortsAndStartsClean() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0x1, 1, 2).connect();

        OfSwitch sw = manager.getSwitch(Dpid.of(1));
        assertThat(sw).isNotNull();
        assertThat(sw.version()).isEqualTo(OFVersion.OF_13);
        assertThat(sw.ports().keySet()).containsExactly(PortNo.of(1), PortNo.of(2));
        assertThat(sw.port(PortNo.of(1)).name()).isEqualTo("veth1");
        assertThat(seen).containsExactly("connected 00:00:00:00:00:00:00:01 session 1");

        assertThat(s.received().get(0)).isInstanceOf(OFHello.class);
        assertThat(s.received(OFSetConfig.class)).singleElement()
                .satisfies(c -> assertThat(c.getMissSendLen()).isEqualTo(0xffff));
        assertThat(s.received(OFFlowDelete.class)).hasSize(1);
        assertThat(s.received(OFGroupDelete.class)).hasSize(1);
        OFFlowAdd miss = s.received(OFFlowAdd.class).get(0);
        assertThat(miss.getPriority()).isZero();
        assertThat(miss.getMatch().getMatchFields()).isEmpty();
        assertThat(((OFActionOutput) miss.getActions().get(0)).getPort()).isEqualTo(OFPort.CONTROLLER);
    }

    @Test
    void switchWithSeveralTablesMissesFromTheClassifierIntoTheForwardingTableThenToTheController() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0x3, 1).tables(254).connect();

        assertThat(TableLayout.isSplit(manager.getSwitch(Dpid.of(3)))).isTrue();
        List<OFFlowAdd> misses = s.received(OFFlowAdd.class);
        assertThat(misses).hasSize(2).allSatisfy(m -> {
            assertThat(m.getPriority()).isZero();
            assertThat(m.getMatch().getMatchFields()).isEmpty();
        });
        assertThat(misses.get(0).getTableId()).isEqualTo(TableLayout.CLASSIFIER);
        assertThat(misses.get(0).getInstructions()).singleElement().isInstanceOfSatisfying(OFInstructionGotoTable.class,
                g -> assertThat(g.getTableId()).isEqualTo(TableLayout.FORWARDING));
        assertThat(misses.get(1).getTableId()).isEqualTo(TableLayout.FORWARDING);
        assertThat(((OFActionOutput) misses.get(1).getActions().get(0)).getPort()).isEqualTo(OFPort.CONTROLLER);
    }

    @Test
    void openFlow10SwitchConnectsWithPortsFromFeaturesAndNoTableMissFlow() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_10, 0x2, 1, 2, 3).connect();

        OfSwitch sw = manager.getSwitch(Dpid.of(2));
        assertThat(sw.version()).isEqualTo(OFVersion.OF_10);
        assertThat(sw.ports()).hasSize(3);
        assertThat(s.received(OFFlowDelete.class)).hasSize(1);
        assertThat(s.received(OFFlowAdd.class)).isEmpty();
        assertThat(s.received(OFGroupDelete.class)).isEmpty();
        assertThat(sw.supportsGroups()).isFalse();
    }

    @Test
    void switchOfferingOnlyAnUnsupportedVersionGetsHelloFailedAndIsClosed() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_14, 0x3, 1);
        s.send(OfVersions.hello(Set.of(OFVersion.OF_14), 9));

        OFHelloFailedErrorMsg err = s.received(OFHelloFailedErrorMsg.class).get(0);
        assertThat(err.getCode()).isEqualTo(OFHelloFailedCode.INCOMPATIBLE);
        assertThat(err.getXid()).isEqualTo(9);
        assertThat(s.isOpen()).isFalse();
        assertThat(manager.switches()).isEmpty();
        assertThat(manager.stats().handshakeFailures.sum()).isEqualTo(1);
        assertThat(seen).isEmpty();
    }

    @Test
    void firstMessageOtherThanHelloClosesTheSession() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0x4, 1);
        s.send(s.factory.buildBarrierRequest().setXid(1).build());

        assertThat(s.isOpen()).isFalse();
        assertThat(manager.switches()).isEmpty();
    }

    @Test
    void silentPeerIsDroppedAfterTheHandshakeTimeout() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0x5, 1);
        s.advance(SessionConfig.defaults().handshakeTimeoutMillis() + 1);

        assertThat(s.isOpen()).isFalse();
        assertThat(manager.stats().handshakeFailures.sum()).isEqualTo(1);
    }

    @Test
    void switchThatNeverAnswersFeaturesIsDroppedAfterTheHandshakeTimeout() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0x5, 1).silentFor(OFType.FEATURES_REQUEST).connect();
        assertThat(s.isOpen()).isTrue();
        s.advance(SessionConfig.defaults().handshakeTimeoutMillis() + 1);

        assertThat(s.isOpen()).isFalse();
        assertThat(manager.switches()).isEmpty();
    }

    @Test
    void packetInSentBeforeTheHandshakeEndsReachesTheAppsJustAfterTheSwitchConnects() {
        manager.addMessageListener((sw, m) -> seen.add(m.getType() + " from " + sw.dpid()));
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0x9, 1).silentFor(OFType.BARRIER_REQUEST).connect();
        s.send(packetIn(s));
        assertThat(seen).isEmpty();

        OFBarrierRequest barrier = s.received(OFBarrierRequest.class).get(0);
        s.send(s.factory.buildBarrierReply().setXid(barrier.getXid()).build());

        assertThat(seen).containsExactly("connected 00:00:00:00:00:00:00:09 session 1",
                "PACKET_IN from 00:00:00:00:00:00:00:09");
    }

    @Test
    void packetInOfASwitchThatLeavesBeforeTheHandshakeEndsIsDroppedAndCounted() {
        manager.addMessageListener((sw, m) -> seen.add(m.getType() + " from " + sw.dpid()));
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0xa, 1).silentFor(OFType.BARRIER_REQUEST).connect();
        s.send(packetIn(s));
        s.disconnect();

        assertThat(seen).isEmpty();
        assertThat(manager.stats().packetInsDropped.sum()).isEqualTo(1);
    }

    private static OFPacketIn packetIn(FakeSwitch s) {
        return s.factory.buildPacketIn().setBufferId(OFBufferId.NO_BUFFER).setReason(OFPacketInReason.NO_MATCH)
                .setMatch(s.factory.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build())
                .setData(new byte[60]).setTotalLen(60).build();
    }

    @Test
    void auxiliaryConnectionIsRefused() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0x6, 1).auxiliaryId(1).connect();

        assertThat(s.isOpen()).isFalse();
        assertThat(manager.switches()).isEmpty();
    }

    @Test
    void reconnectWithTheSameDpidReplacesTheOldSession() {
        FakeSwitch first = new FakeSwitch(manager, OFVersion.OF_13, 0x7, 1).connect();
        FakeSwitch second = new FakeSwitch(manager, OFVersion.OF_13, 0x7, 1, 2).connect();
        first.channel.runPendingTasks();

        assertThat(first.isOpen()).isFalse();
        assertThat(second.isOpen()).isTrue();
        assertThat(manager.switches()).hasSize(1);
        assertThat(manager.getSwitch(Dpid.of(7)).ports()).hasSize(2);
        assertThat(seen).containsExactly(
                "connected 00:00:00:00:00:00:00:07 session 1",
                "disconnected 00:00:00:00:00:00:00:07 session 1",
                "connected 00:00:00:00:00:00:00:07 session 2");
    }

    @Test
    void disconnectIsReportedOnce() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0x8, 1).connect();
        s.disconnect();

        assertThat(manager.switches()).isEmpty();
        assertThat(seen).containsExactly("connected 00:00:00:00:00:00:00:08 session 1",
                "disconnected 00:00:00:00:00:00:00:08 session 1");
    }

    @Test
    void portStatusUpdatesTheInventoryAndTellsListeners() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0x9, 1).connect();
        s.portStatus(OFPortReason.ADD, s.port(2, true));
        s.portStatus(OFPortReason.MODIFY, s.port(1, false));
        s.portStatus(OFPortReason.DELETE, s.port(2, true));

        OfSwitch sw = manager.getSwitch(Dpid.of(9));
        assertThat(sw.ports().keySet()).containsExactly(PortNo.of(1));
        assertThat(sw.port(PortNo.of(1)).isUp()).isFalse();
        assertThat(seen).containsExactly("connected 00:00:00:00:00:00:00:09 session 1", "ADDED 2 up", "MODIFIED 1 down",
                "DELETED 2 up");
    }

    @Test
    void roleRequestIsAnsweredWithTheEqualRole() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0xa, 1).connect();
        s.send(s.factory.buildRoleRequest().setXid(77).setRole(OFControllerRole.ROLE_MASTER)
                .setGenerationId(U64.of(5)).build());

        OFRoleReply reply = s.received(OFRoleReply.class).get(0);
        assertThat(reply.getXid()).isEqualTo(77);
        assertThat(reply.getRole()).isEqualTo(OFControllerRole.ROLE_EQUAL);
    }

    @Test
    void switchRejectingPartOfTheSetupStillConnects() {
        FakeSwitch s = new FakeSwitch(manager, OFVersion.OF_13, 0xb, 1).silentFor(OFType.BARRIER_REQUEST).connect();
        OFGroupDelete groups = s.received(OFGroupDelete.class).get(0);
        s.send(s.factory.errorMsgs().buildGroupModFailedErrorMsg().setXid(groups.getXid())
                .setCode(org.projectfloodlight.openflow.protocol.OFGroupModFailedCode.INVALID_GROUP).build());
        var barrier = s.received(org.projectfloodlight.openflow.protocol.OFBarrierRequest.class).get(0);
        s.send(s.factory.buildBarrierReply().setXid(barrier.getXid()).build());

        assertThat(manager.getSwitch(Dpid.of(0xb))).isNotNull();
        assertThat(manager.stats().unsolicitedErrors.sum()).isZero();
    }
}
