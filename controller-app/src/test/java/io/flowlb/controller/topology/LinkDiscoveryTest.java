package io.flowlb.controller.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortChange;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.openflow.RecordingSwitchService;
import io.flowlb.controller.packet.PacketManager;
import io.flowlb.controller.packet.PacketIns;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.match.MatchField;

class LinkDiscoveryTest {
    private static final long ID = 0x5eed;
    private final ManualEventScheduler events = new ManualEventScheduler();
    private final RecordingSwitchService switches = new RecordingSwitchService();
    private final PacketManager packets = new PacketManager(switches, events);
    private final TopologyManager topology = new TopologyManager(switches);
    private final LinkDiscovery discovery = new LinkDiscovery(switches, packets, events, 5_000, 17_500, ID);
    private final OfSwitch s1 = switches.addSwitch(1, OFVersion.OF_13, 3);
    private final OfSwitch s2 = switches.addSwitch(2, OFVersion.OF_10, 3);

    LinkDiscoveryTest() {
        discovery.addListener(topology);
        discovery.start();
        packets.floodScope(topology);
        switches.fireConnected(s1.dpid());
        switches.fireConnected(s2.dpid());
    }

    /** Delivers the probes s1 and s2 sent out of the given ports to the far ends of a cable. */
    private void cable(OfSwitch a, int pa, OfSwitch b, int pb) {
        deliver(a, pa, b, pb);
        deliver(b, pb, a, pa);
    }

    private void deliver(OfSwitch from, int fromPort, OfSwitch to, int toPort) {
        for (OFPacketOut po : switches.sent(from.dpid(), OFPacketOut.class)) {
            int out = ((OFActionOutput) po.getActions().get(0)).getPort().getPortNumber();
            if (out == fromPort) {
                switches.receive(to.dpid(), PacketIns.packetIn(to, toPort, po.getData()));
                return;
            }
        }
        throw new AssertionError("no probe out of " + from.dpid() + " port " + fromPort);
    }

    private static ConnectPoint cp(OfSwitch sw, int port) {
        return ConnectPoint.of(sw.dpid(), PortNo.of(port));
    }

    @Test
    void connectingSwitchGetsAnLldpFlowAndProbesOnEveryUpPort() {
        OFFlowAdd flow = switches.sent(s1.dpid(), OFFlowAdd.class).get(0);
        assertThat(flow.getMatch().get(MatchField.ETH_TYPE).getValue()).isEqualTo(0x88cc);
        assertThat(switches.sent(s1.dpid(), OFPacketOut.class)).hasSize(3);
        assertThat(switches.sent(s2.dpid(), OFFlowAdd.class)).hasSize(1);
    }

    @Test
    void probeArrivingOnAnotherSwitchMakesALinkBothWays() {
        cable(s1, 3, s2, 1);

        assertThat(discovery.links()).containsExactlyInAnyOrder(new Link(cp(s1, 3), cp(s2, 1)),
                new Link(cp(s2, 1), cp(s1, 3)));
        assertThat(topology.isInfrastructure(cp(s1, 3))).isTrue();
        assertThat(topology.path(s1.dpid(), s2.dpid())).containsExactly(new Link(cp(s1, 3), cp(s2, 1)));
    }

    @Test
    void silentLinkExpiresAndRefreshedLinkStays() {
        cable(s1, 3, s2, 1);
        switches.clearSent();
        events.advance(15_000);
        deliver(s1, 3, s2, 1);
        events.advance(5_000);

        assertThat(discovery.links()).containsExactly(new Link(cp(s1, 3), cp(s2, 1)));
    }

    @Test
    void portGoingDownRemovesItsLinksAtOnce() {
        cable(s1, 3, s2, 1);
        PortDesc p = s2.port(PortNo.of(1));
        switches.firePortChanged(s2.dpid(), new PortDesc(p.number(), p.name(), p.hwAddr(), false, true, false, 0),
                PortChange.MODIFIED);

        assertThat(discovery.links()).isEmpty();
        assertThat(topology.topology().links()).isEmpty();
    }

    @Test
    void disconnectedSwitchTakesItsLinksAlong() {
        cable(s1, 3, s2, 1);
        switches.fireDisconnected(s2.dpid());

        assertThat(discovery.links()).isEmpty();
        assertThat(topology.topology().switches()).containsExactly(s1.dpid());
    }

    @Test
    void foreignLldpIsConsumedButTeachesNothing() {
        byte[] other = Lldp.encode(Dpid.of(1), PortNo.of(3), 1, ID + 1);
        switches.receive(s2.dpid(), PacketIns.packetIn(s2, 1, other));

        assertThat(discovery.links()).isEmpty();
        assertThat(discovery.foreignProbes()).isEqualTo(1);
        assertThat(packets.unhandled()).isZero();
    }

    @Test
    void portComingUpIsProbedAtOnce() {
        switches.clearSent();
        PortDesc p = s1.port(PortNo.of(2));
        switches.firePortChanged(s1.dpid(), new PortDesc(p.number(), p.name(), p.hwAddr(), false, true, false, 0),
                PortChange.MODIFIED);
        switches.firePortChanged(s1.dpid(), p, PortChange.MODIFIED);

        assertThat(switches.sent(s1.dpid(), OFPacketOut.class)).hasSize(1);
    }
}
