package io.flowlb.controller.fwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.Controller;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.openflow.AppCookie;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.PortChange;
import io.flowlb.controller.openflow.PortDesc;
import io.flowlb.controller.openflow.PortNo;
import io.flowlb.controller.packet.Frames;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * L2 forwarding judged by where packets go in a simulated network whose flow tables hold the
 * controller's flow-mods.
 */
class L2ForwardingTest {
    private static final long M1 = 0x0200_0000_0001L;
    private static final long M2 = 0x0200_0000_0002L;
    private static final long M3 = 0x0200_0000_0003L;
    private static final int IP1 = Frames.ip(10, 0, 0, 1);
    private static final int IP2 = Frames.ip(10, 0, 0, 2);

    private final SimNetwork net = new SimNetwork();
    private final ManualEventScheduler events = new ManualEventScheduler();
    private Controller controller;

    private void start(ControllerConfig config) {
        controller = new Controller(config, net.switches, events);
        net.connectAll();
    }

    private void start() {
        start(ControllerConfig.defaults());
    }

    private static byte[] arpRequest(long mac, int ip, int target) {
        return Frames.arp(1, mac, ip, 0, target);
    }

    private static byte[] arpReply(long mac, int ip, long toMac, int toIp) {
        return Frames.arp(2, mac, ip, toMac, toIp);
    }

    private static byte[] udp(long from, long to) {
        return Frames.ipv4Udp(to, from, IP1, IP2);
    }

    /** h1 asks for h2, h2 answers: both are learned. */
    private void arpExchange(SimNetwork.SimHost h1, SimNetwork.SimHost h2) {
        net.send(h1, arpRequest(h1.mac, IP1, IP2));
        net.send(h2, arpReply(h2.mac, IP2, h1.mac, IP1));
    }

    /** One switch, h1..h3 on ports 1..3. */
    private List<SimNetwork.SimHost> oneSwitchThreeHosts(OFVersion version) {
        net.addSwitch(1, version, 3);
        List<SimNetwork.SimHost> hosts = List.of(net.host("h1", M1, 1, 1), net.host("h2", M2, 1, 2),
                net.host("h3", M3, 1, 3));
        start();
        return hosts;
    }

    @Test
    void arpRequestReachesEveryOtherHostAndTheReplyOnlyTheAsker() {
        List<SimNetwork.SimHost> h = oneSwitchThreeHosts(OFVersion.OF_13);

        net.send(h.get(0), arpRequest(M1, IP1, IP2));
        assertThat(h.get(1).frames()).hasSize(1);
        assertThat(h.get(2).frames()).hasSize(1);
        assertThat(h.get(0).frames()).isEmpty();

        net.send(h.get(1), arpReply(M2, IP2, M1, IP1));
        assertThat(h.get(0).frames()).hasSize(1);
        assertThat(h.get(2).frames()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_13", "OF_10"})
    void onceBothEndsAreKnownTheirTrafficBypassesTheController(OFVersion version) {
        List<SimNetwork.SimHost> h = oneSwitchThreeHosts(version);
        arpExchange(h.get(0), h.get(1));
        net.send(h.get(0), udp(M1, M2));
        int seen = net.packetIns;

        for (int i = 0; i < 5; i++) {
            net.send(h.get(0), udp(M1, M2));
            net.send(h.get(1), udp(M2, M1));
        }

        assertThat(net.packetIns).isEqualTo(seen);
        assertThat(h.get(1).frames()).hasSize(1 + 1 + 5);
        assertThat(h.get(0).frames()).hasSize(1 + 5);
        assertThat(h.get(2).frames()).hasSize(1);
        assertThat(net.table(1).flows()).anySatisfy(f -> {
            assertThat(f.idleTimeout()).isEqualTo(30);
            assertThat(AppCookie.appOf(f.cookie())).isEqualTo(AppCookie.L2_FORWARDING);
        });
    }

    @ParameterizedTest
    @EnumSource(value = OFVersion.class, names = {"OF_13", "OF_10"})
    void bufferingSwitchGetsOneFlowModThatReleasesThePacket(OFVersion version) {
        List<SimNetwork.SimHost> h = oneSwitchThreeHosts(version);
        arpExchange(h.get(0), h.get(1));
        net.buffering(true);
        int before = net.switches.sent().size();
        byte[] frame = udp(M1, M2);

        net.send(h.get(0), frame);

        assertThat(h.get(1).frames()).last().isEqualTo(frame);
        assertThat(net.buffered()).isZero();
        assertThat(net.switches.sent().subList(before, net.switches.sent().size()))
                .extracting(s -> s.msg().getType().toString())
                .containsExactly("FLOW_MOD");
    }

    /** s1:3 cabled to s2:3, h1 on s1:1, h2 on s2:1. */
    private List<SimNetwork.SimHost> twoLinkedSwitches() {
        net.addSwitch(1, OFVersion.OF_13, 3);
        net.addSwitch(2, OFVersion.OF_13, 3);
        net.cable(1, 3, 2, 3);
        List<SimNetwork.SimHost> hosts = List.of(net.host("h1", M1, 1, 1), net.host("h2", M2, 2, 1));
        start();
        return hosts;
    }

    @Test
    void hostsOnTwoLinkedSwitchesReachEachOtherAlongTheDiscoveredLink() {
        List<SimNetwork.SimHost> h = twoLinkedSwitches();
        var h1 = h.get(0);
        var h2 = h.get(1);

        assertThat(controller.topologyService().topology().links()).hasSize(2);
        arpExchange(h1, h2);
        net.send(h1, udp(M1, M2));
        int seen = net.packetIns;
        net.send(h1, udp(M1, M2));
        net.send(h2, udp(M2, M1));

        assertThat(net.packetIns).isEqualTo(seen);
        assertThat(h2.frames()).hasSize(3);
        assertThat(h1.frames()).hasSize(2);
        assertThat(controller.hostService().hosts()).hasSize(2);
    }

    @Test
    void broadcastInARingOfSwitchesReachesEachHostOnce() {
        for (long s = 1; s <= 3; s++) {
            net.addSwitch(s, OFVersion.OF_13, 3);
        }
        net.cable(1, 2, 2, 3);
        net.cable(2, 2, 3, 3);
        net.cable(3, 2, 1, 3);
        var h1 = net.host("h1", M1, 1, 1);
        var h2 = net.host("h2", M2, 2, 1);
        var h3 = net.host("h3", M3, 3, 1);
        start();
        assertThat(controller.topologyService().topology().links()).hasSize(6);
        int before = net.packetIns;

        net.send(h1, arpRequest(M1, IP1, IP2));

        assertThat(net.packetIns - before).as("one PACKET_IN per switch, none through the blocked link").isEqualTo(3);
        assertThat(h2.frames()).hasSize(1);
        assertThat(h3.frames()).hasSize(1);
        assertThat(h1.frames()).isEmpty();
        net.send(h2, arpReply(M2, IP2, M1, IP1));
        net.send(h1, udp(M1, M2));
        assertThat(h2.frames()).hasSize(2);
    }

    @Test
    void movedHostGetsItsTrafficAtTheNewPort() {
        net.addSwitch(1, OFVersion.OF_13, 4);
        var h1 = net.host("h1", M1, 1, 1);
        var h2 = net.host("h2", M2, 1, 2);
        start();
        arpExchange(h1, h2);
        net.send(h1, udp(M1, M2));
        int before = h2.frames().size();

        net.move(h2, 1, 4);
        net.send(h2, arpRequest(M2, IP2, IP1));
        net.send(h1, udp(M1, M2));

        assertThat(h2.frames()).hasSize(before + 1);
        assertThat(controller.hostService().host(org.projectfloodlight.openflow.types.MacAddress.of(M2)).location())
                .isEqualTo(SimNetwork.cp(1, 4));
    }

    @Test
    void losingALinkRemovesTheForwardingFlows() {
        List<SimNetwork.SimHost> h = twoLinkedSwitches();
        var h1 = h.get(0);
        var h2 = h.get(1);
        arpExchange(h1, h2);
        net.send(h1, udp(M1, M2));
        assertThat(l2Flows(1)).isNotEmpty();

        PortDesc p = net.switches.getSwitch(Dpid.of(1)).port(PortNo.of(3));
        net.switches.firePortChanged(Dpid.of(1), new PortDesc(p.number(), p.name(), p.hwAddr(), false, true, false, 0),
                PortChange.MODIFIED);
        net.drain();

        assertThat(l2Flows(1)).isEmpty();
        assertThat(l2Flows(2)).isEmpty();
    }

    @Test
    void withL2DisabledNothingIsForwarded() {
        net.addSwitch(1, OFVersion.OF_13, 2);
        var h1 = net.host("h1", M1, 1, 1);
        var h2 = net.host("h2", M2, 1, 2);
        ControllerConfig c = ControllerConfig.defaults();
        start(c.withL2(new L2Config(false, 30, 0, true, false)));

        net.send(h1, arpRequest(M1, IP1, IP2));

        assertThat(h2.frames()).isEmpty();
        assertThat(controller.l2Forwarding()).isNull();
        assertThat(controller.hostService().hosts()).hasSize(1);
    }

    private List<FlowTable.Flow> l2Flows(long dpid) {
        return net.table(dpid).flows().stream()
                .filter(f -> AppCookie.appOf(f.cookie()) == AppCookie.L2_FORWARDING).toList();
    }
}
