package io.flowlb.controller.pseudo;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.FlowPriority;
import io.flowlb.controller.openflow.OfSwitch;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.RecordingSwitchService;
import io.flowlb.controller.packet.PacketIns;
import io.flowlb.controller.packet.PacketManager;
import io.flowlb.controller.topology.ConnectPoint;
import io.flowlb.controller.topology.HostManager;
import io.flowlb.controller.topology.Link;
import io.flowlb.controller.topology.TopologyManager;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowDelete;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/**
 * The pseudo-interface against recorded switches and a recording TAP, with the controller's real
 * packet manager, topology and host learning: which PACKET_INs reach the controller host, and
 * where the host's own frames go.
 */
class PseudoInterfaceTest {
    static final long H1 = 0x0200_0000_0001L;
    static final long H2 = 0x0200_0000_0002L;
    static final long BROADCAST = 0xffff_ffff_ffffL;
    static final int H1_IP = ip("10.0.0.1");
    static final int H2_IP = ip("10.0.0.2");
    static final int VIP = ip("10.0.0.254");

    final ManualEventScheduler events = new ManualEventScheduler();
    final RecordingSwitchService switches = new FailingFlowsSwitchService();
    final OfSwitch s1 = switches.addSwitch(1, OFVersion.OF_13, 3);
    final OfSwitch s2 = switches.addSwitch(2, OFVersion.OF_13, 3);
    final PacketManager packets = new PacketManager(switches, events);
    final TopologyManager topology = new TopologyManager(switches);
    final HostManager hosts = new HostManager(topology, events, 300_000, 8);
    final RecordingTap tap = new RecordingTap();
    final PseudoConfig config = PseudoConfig.parse(true, "fltest0", "10.0.0.254/24", "fd00::fe/64", null, 1500);
    final long tapMac = config.effectiveMac().value();
    final PseudoInterface pseudo = new PseudoInterface(config, tap, switches, packets, hosts, topology);

    PseudoInterfaceTest() {
        packets.floodScope(topology);
        hosts.start(packets, switches);
        pseudo.start();
    }

    static int ip(String text) {
        return IpAddress.parse(text).v4();
    }

    /** A switch service whose switches may reject confirmed batches, as a switch answering ERROR does. */
    static final class FailingFlowsSwitchService extends RecordingSwitchService {
        boolean reject;

        @Override
        public CompletableFuture<Void> sendConfirmed(Dpid dpid, List<? extends OFMessage> msgs) {
            send(dpid, msgs);
            return reject ? CompletableFuture.failedFuture(new IllegalStateException("bad match"))
                    : CompletableFuture.completedFuture(null);
        }
    }

    void packetIn(OfSwitch sw, int port, byte[] frame) {
        switches.receive(sw.dpid(), PacketIns.packetIn(sw, port, frame));
    }

    List<OFPacketOut> packetOuts(OfSwitch sw) {
        return switches.sent(sw.dpid(), OFPacketOut.class);
    }

    static List<Integer> outputs(OFPacketOut po) {
        List<Integer> out = new ArrayList<>();
        for (OFAction a : po.getActions()) {
            out.add(((OFActionOutput) a).getPort().getPortNumber());
        }
        return out;
    }

    byte[] arpRequest(long fromMac, int fromIp, int target) {
        return FrameBuilder.ethernet(BROADCAST, fromMac).arp(1, fromMac, fromIp, 0, target).padTo(60).build();
    }

    byte[] udp(long dstMac, long srcMac, int srcIp, int dstIp) {
        return FrameBuilder.ethernet(dstMac, srcMac).ipv4(srcIp, dstIp).udp(40000, 8080).payload(20).build();
    }

    // ---------------------------------------------------------------- inbound

    @Test
    void aHostsArpRequestForTheControlVipGoesIntoTheTapAndNowhereElse() {
        byte[] arp = arpRequest(H1, H1_IP, VIP);

        packetIn(s1, 1, arp);

        assertThat(tap.written).containsExactly(arp);
        assertThat(packetOuts(s1)).as("not flooded to the other hosts").isEmpty();
        assertThat(packets.unhandled()).isZero();
        assertThat(pseudo.stats().inboundFrames()).isEqualTo(1);
        assertThat(pseudo.stats().inboundBytes()).isEqualTo(arp.length);
    }

    @Test
    void ipv4ForTheControlVipAndAnyFrameToTheTapMacGoIntoTheTap() {
        byte[] toVip = udp(tapMac, H1, H1_IP, VIP);
        byte[] toTapMac = FrameBuilder.ethernet(tapMac, H1).etherType(0x88b5).payload(46).build();
        byte[] staleArpCache = udp(H2, H1, H1_IP, VIP);

        packetIn(s1, 1, toVip);
        packetIn(s1, 1, toTapMac);
        packetIn(s1, 1, staleArpCache);

        assertThat(tap.written).containsExactly(toVip, toTapMac, staleArpCache);
        assertThat(packets.unhandled()).isZero();
    }

    @Test
    void ipv6ForTheControlVip6AndNeighborSolicitationsForItGoIntoTheTap() {
        IpAddress vip6 = IpAddress.parse("fd00::fe");
        IpAddress h1v6 = IpAddress.parse("fd00::1");
        byte[] solicitation = FrameBuilder.ethernet(0x3333_ff00_00feL, H1)
                .ipv6(h1v6.hi(), h1v6.lo(), 0xff02_0000_0000_0000L, 0x0000_0001_ff00_00feL).ttl(255)
                .icmp(135, 0, 0).payload(ndTarget(vip6)).build();
        byte[] toVip6 = FrameBuilder.ethernet(tapMac, H1).ipv6(h1v6.hi(), h1v6.lo(), vip6.hi(), vip6.lo())
                .udp(1, 2).build();
        byte[] otherSolicitation = FrameBuilder.ethernet(0x3333_ff00_0002L, H1)
                .ipv6(h1v6.hi(), h1v6.lo(), 0xff02_0000_0000_0000L, 0x0000_0001_ff00_0002L).ttl(255)
                .icmp(135, 0, 0).payload(ndTarget(IpAddress.parse("fd00::2"))).build();

        packetIn(s1, 1, solicitation);
        packetIn(s1, 1, toVip6);
        packetIn(s1, 1, otherSolicitation);

        assertThat(tap.written).containsExactly(solicitation, toVip6);
    }

    private static byte[] ndTarget(IpAddress target) {
        byte[] b = target.toBytes();
        byte[] payload = new byte[16];
        System.arraycopy(b, 0, payload, 0, 16);
        return payload;
    }

    @Test
    void trafficBetweenOtherHostsIsLeftToTheOtherProcessors() {
        packetIn(s1, 1, arpRequest(H1, H1_IP, H2_IP));
        packetIn(s1, 1, udp(H2, H1, H1_IP, H2_IP));
        packetIn(s1, 1, FrameBuilder.ethernet(tapMac, H1).vlan(10, 0).ipv4(H1_IP, VIP).udp(1, 2).build());

        assertThat(tap.written).as("tagged frames are not the untagged TAP's").isEmpty();
        assertThat(packets.unhandled()).isEqualTo(3);
        assertThat(pseudo.stats().inboundFrames()).isZero();
    }

    @Test
    void theControllerHostsOwnFramesComingBackAreDroppedNotReinjected() {
        packetIn(s1, 2, arpRequest(tapMac, VIP, H1_IP));

        assertThat(tap.written).isEmpty();
        assertThat(packets.unhandled()).as("dropped, not flooded again").isZero();
        assertThat(pseudo.stats().loopedFrames()).isEqualTo(1);
    }

    @Test
    void aFrameTheTapRefusesIsCountedAndDropped() {
        tap.failWith = Libc.EIO;

        packetIn(s1, 1, udp(tapMac, H1, H1_IP, VIP));
        packetIn(s1, 1, udp(tapMac, H1, H1_IP, VIP));

        assertThat(pseudo.stats().tapWriteErrors()).isEqualTo(2);
        assertThat(pseudo.stats().inboundFrames()).isZero();
        assertThat(packets.unhandled()).isZero();
    }

    @Test
    void aPacketInTheSwitchCutShortIsDroppedNotWrittenAsAPartialPacket() {
        byte[] whole = udp(tapMac, H1, H1_IP, VIP);
        byte[] cut = Arrays.copyOf(whole, 40);
        var truncated = PacketIns.packetIn(s1, 1, cut).createBuilder().setTotalLen(whole.length).build();

        switches.receive(s1.dpid(), truncated);

        assertThat(tap.written).isEmpty();
        assertThat(pseudo.stats().truncatedFrames()).isEqualTo(1);
        assertThat(packets.unhandled()).isZero();
    }

    // ---------------------------------------------------------------- outbound

    @Test
    void aFrameForALearnedHostLeavesThroughThePortWhereItWasLearned() {
        packetIn(s2, 2, arpRequest(H2, H2_IP, VIP));
        byte[] reply = FrameBuilder.ethernet(H2, tapMac).arp(2, tapMac, VIP, H2, H2_IP).padTo(60).build();

        tap.kernelSends(reply);

        assertThat(packetOuts(s1)).isEmpty();
        assertThat(packetOuts(s2)).hasSize(1);
        OFPacketOut po = packetOuts(s2).get(0);
        assertThat(outputs(po)).containsExactly(2);
        assertThat(po.getInPort()).isEqualTo(OFPort.CONTROLLER);
        assertThat(po.getData()).isEqualTo(reply);
        assertThat(pseudo.stats().outboundUnicast()).isEqualTo(1);
        assertThat(pseudo.stats().outboundBytes()).isEqualTo(reply.length);
    }

    @Test
    void theKernelsBroadcastsGoToEveryEdgePortOfEverySwitchButNotOverLinks() {
        topology.linkAdded(new Link(ConnectPoint.of(s1.dpid(), PortNo.of(3)), ConnectPoint.of(s2.dpid(), PortNo.of(3))));
        topology.linkAdded(new Link(ConnectPoint.of(s2.dpid(), PortNo.of(3)), ConnectPoint.of(s1.dpid(), PortNo.of(3))));

        tap.kernelSends(arpRequest(tapMac, VIP, H1_IP));

        assertThat(packetOuts(s1)).singleElement().satisfies(po -> assertThat(outputs(po)).containsExactly(1, 2));
        assertThat(packetOuts(s2)).singleElement().satisfies(po -> assertThat(outputs(po)).containsExactly(1, 2));
        assertThat(pseudo.stats().outboundFlooded()).isEqualTo(1);
        assertThat(pseudo.stats().unknownDestinationFloods()).isZero();
    }

    @Test
    void aFrameForAnUnlearnedHostIsFloodedAndCounted() {
        tap.kernelSends(udp(H1, tapMac, VIP, H1_IP));

        assertThat(outputs(packetOuts(s1).get(0))).containsExactly(1, 2, 3);
        assertThat(outputs(packetOuts(s2).get(0))).containsExactly(1, 2, 3);
        assertThat(pseudo.stats().unknownDestinationFloods()).isEqualTo(1);
        assertThat(pseudo.stats().outboundFrames()).isEqualTo(1);
    }

    @Test
    void floodsSkipPortsWithoutAnEthernetAddressSuchAsInSwitchApplications() {
        switches.put(s1.withPort(new PortDesc(PortNo.of(0xfe01), "app-arp", MacAddress.of(0L), true,
                true, false, 0)));

        tap.kernelSends(arpRequest(tapMac, VIP, H1_IP));

        assertThat(outputs(packetOuts(s1).get(0))).containsExactly(1, 2, 3);
    }

    @Test
    void withNoSwitchConnectedTheKernelsFramesAreCountedAsDropped() {
        switches.fireDisconnected(s1.dpid());
        switches.fireDisconnected(s2.dpid());

        tap.kernelSends(arpRequest(tapMac, VIP, H1_IP));

        assertThat(pseudo.stats().noSwitchDrops()).isEqualTo(1);
        assertThat(pseudo.stats().outboundFrames()).isZero();
    }

    // ---------------------------------------------------------------- flows and life cycle

    @Test
    void aConnectingSwitchGetsFlowsSendingTheControlVipsTrafficToTheController() {
        OfSwitch s3 = switches.addSwitch(3, OFVersion.OF_13, 2);
        switches.fireConnected(s3.dpid());

        List<OFFlowAdd> flows = switches.sent(s3.dpid(), OFFlowAdd.class);
        assertThat(flows).hasSize(5).allSatisfy(f -> {
            assertThat(f.getPriority()).isEqualTo(FlowPriority.CONTROL);
            assertThat(f.getTableId().getValue()).isZero();
            assertThat(f.getActions()).singleElement().satisfies(a -> {
                assertThat(((OFActionOutput) a).getPort()).isEqualTo(OFPort.CONTROLLER);
                assertThat(((OFActionOutput) a).getMaxLen()).isEqualTo(0xffff);
            });
        });
        assertThat(flows).anySatisfy(f -> assertThat(f.getMatch().get(MatchField.IPV4_DST)).hasToString("10.0.0.254"));
        assertThat(flows).anySatisfy(f -> assertThat(f.getMatch().get(MatchField.ARP_TPA)).hasToString("10.0.0.254"));
        assertThat(flows).anySatisfy(f -> assertThat(f.getMatch().get(MatchField.ETH_DST))
                .hasToString(config.effectiveMac().toString()));
        assertThat(flows).anySatisfy(f -> assertThat(f.getMatch().get(MatchField.IPV6_DST)).hasToString("fd00::fe"));
        assertThat(flows).anySatisfy(f -> assertThat(f.getMatch().get(MatchField.IPV6_ND_TARGET))
                .hasToString("fd00::fe"));
    }

    @Test
    void anOpenFlow10SwitchNeedsNoFlowsBecauseItsTableMissGoesToTheController() {
        OfSwitch old = switches.addSwitch(4, OFVersion.OF_10, 2);
        switches.fireConnected(old.dpid());

        assertThat(switches.sent(old.dpid(), OFFlowAdd.class)).isEmpty();
    }

    @Test
    void aSwitchRejectingTheFlowsIsCounted() {
        ((FailingFlowsSwitchService) switches).reject = true;
        OfSwitch s3 = switches.addSwitch(3, OFVersion.OF_13, 2);

        switches.fireConnected(s3.dpid());

        assertThat(pseudo.stats().flowErrors()).isEqualTo(1);
    }

    @Test
    void closingRemovesTheFlowsStopsClaimingPacketsAndRemovesTheTap() {
        pseudo.close();

        assertThat(switches.sent(s1.dpid(), OFFlowDelete.class)).singleElement()
                .satisfies(d -> assertThat(d.getCookie().getValue() >>> 48).isEqualTo(ControlVipFlows.APP_ID));
        assertThat(tap.closed).isTrue();
        packetIn(s1, 1, arpRequest(H1, H1_IP, VIP));
        assertThat(tap.written).isEmpty();
        pseudo.close();
    }

    @Test
    void withoutAControlVipOrWhenDisabledNothingIsCreatedOrRegistered() {
        RecordingSwitchService others = new RecordingSwitchService();
        others.addSwitch(9, OFVersion.OF_13, 2);
        PacketManager otherPackets = new PacketManager(others, events);

        assertThat(PseudoInterface.launch(PseudoConfig.defaults(), others, otherPackets, hosts, topology)).isNull();
        assertThat(PseudoInterface.launch(config.withEnabled(false), others, otherPackets, hosts, topology))
                .isNull();
        assertThat(otherPackets.processors()).isEmpty();
        assertThat(others.listeners).isEmpty();
        assertThat(others.sent()).isEmpty();
    }
}
