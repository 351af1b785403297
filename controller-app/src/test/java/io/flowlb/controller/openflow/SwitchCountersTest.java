package io.flowlb.controller.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.packet.PacketIns;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFVersion;

class SwitchCountersTest {
    private final ManualEventScheduler events = new ManualEventScheduler();
    private final SwitchManager manager = new SwitchManager(events, SessionConfig.defaults(), 100);

    @Test
    void countsPacketInsAndErrorsPerSwitchAndMessagesByTypeControllerWide() {
        FakeSwitch a = new FakeSwitch(manager, OFVersion.OF_13, 1, 1, 2).connect();
        FakeSwitch b = new FakeSwitch(manager, OFVersion.OF_10, 2, 1).connect();
        OfSwitch swA = manager.getSwitch(a.dpid);
        for (int i = 0; i < 3; i++) {
            a.send(PacketIns.packetIn(swA, 1, new byte[60]));
        }
        b.send(PacketIns.packetIn(manager.getSwitch(b.dpid), 1, new byte[60]));
        a.send(a.factory.errorMsgs().buildBadRequestErrorMsg().setCode(OFBadRequestCode.BAD_TYPE).build());

        assertThat(manager.counters(a.dpid)).isEqualTo(new SwitchManager.SwitchCounters(3, 1));
        assertThat(manager.counters(b.dpid)).isEqualTo(new SwitchManager.SwitchCounters(1, 0));
        assertThat(manager.counters(Dpid.of(9))).isNull();
        assertThat(manager.stats().messages()).containsEntry("in/packet_in", 4L).containsEntry("in/error", 1L)
                .containsEntry("in/features_reply", 2L).containsEntry("out/features_request", 2L)
                .doesNotContainKey("in/flow_removed");
    }

    @Test
    void answersSentInBatchesAreCountedByType() {
        manager.addMessageListener((sw, m) -> {
            if (m.getType() == org.projectfloodlight.openflow.protocol.OFType.PACKET_IN) {
                manager.send(sw.dpid(), sw.factory().buildFlowAdd().setPriority(7).build());
            }
        });
        FakeSwitch a = new FakeSwitch(manager, OFVersion.OF_13, 1, 1).connect();
        long setup = manager.stats().messages().getOrDefault("out/flow_mod", 0L);

        a.send(PacketIns.packetIn(manager.getSwitch(a.dpid), 1, new byte[60]));
        a.send(PacketIns.packetIn(manager.getSwitch(a.dpid), 1, new byte[60]));

        assertThat(a.received(org.projectfloodlight.openflow.protocol.OFFlowAdd.class))
                .filteredOn(f -> f.getPriority() == 7).hasSize(2);
        assertThat(manager.stats().messages()).containsEntry("out/flow_mod", setup + 2);
    }

    @Test
    void aReconnectedSwitchStartsCountingAgain() {
        FakeSwitch a = new FakeSwitch(manager, OFVersion.OF_13, 1, 1).connect();
        a.send(PacketIns.packetIn(manager.getSwitch(a.dpid), 1, new byte[60]));
        a.disconnect();

        FakeSwitch again = new FakeSwitch(manager, OFVersion.OF_13, 1, 1).connect();

        assertThat(manager.counters(again.dpid).packetIns()).isZero();
        assertThat(manager.stats().messages()).containsEntry("in/packet_in", 1L);
    }
}
