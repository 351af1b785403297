package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.sim.Frames;
import io.flowlb.controller.lb.sim.SimHost;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.loadbalancer.packet.TcpFlags;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NAT and DSR judged by what hosts receive through a simulated switch: where the client's packets
 * go and how they are rewritten, and how the replies come back. Every test runs on an Open
 * vSwitch-like switch (the controller answers ARP) and on a flow-switch-like one (the switch does).
 */
class NatAndDsrTest extends LbTestBase {

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void clientArpForTheVipIsAnsweredWithItsVirtualMac(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);
        int packetIns = net.packetIns;

        net.send(client, Frames.arpRequest(client, VIP));

        assertThat(client.views()).singleElement().satisfies(v -> {
            assertThat(v.arpOp()).isEqualTo(2);
            assertThat(v.arpSpa()).isEqualTo(VIP);
            assertThat(v.arpSha()).isEqualTo(vmac());
            assertThat(v.ethDst()).isEqualTo(client.mac);
        });
        for (SimHost s : servers) {
            assertThat(s.views()).as("servers never see ARP for the VIP").isEmpty();
        }
        assertThat(net.packetIns - packetIns).as("the controller answers only when the switch cannot")
                .isEqualTo(flowSwitch ? 0 : 1);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aNeighborSolicitationForAnIpv6VipIsAnsweredWithItsVirtualMac(boolean flowSwitch) {
        start(flowSwitch);
        IpAddress v6 = IpAddress.parse("2001:db8::100");
        net.lb.putVip(Vip.of(VipId.of("v6"), v6, Protocol.TCP, 80));
        settle();

        net.send(client, io.flowlb.controller.packet.Frames.ndp(135, client.mac, 0x3333_ff00_0100L,
                0x2001_0db8_0000_0000L, 1, v6.hi(), v6.lo()));

        long vmac = net.lb.config().vip(VipId.of("v6")).effectiveMac().value();
        assertThat(client.views()).singleElement().satisfies(v -> {
            assertThat(v.icmpType()).isEqualTo(136);
            assertThat(v.ethSrc()).isEqualTo(vmac);
            assertThat(v.ethDst()).isEqualTo(client.mac);
        });
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void natRewritesDestinationToTheMemberAndRepliesComeBackFromTheVip(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);

        net.send(client, Frames.syn(client, vmac(), VIP, 40000, 80));

        Arrival a = arrival();
        assertThat(a.packet().ethDst()).isEqualTo(a.server().mac);
        assertThat(a.packet().ipv4Dst()).isEqualTo(a.server().ip);
        assertThat(a.packet().dstPort()).isEqualTo(8080);
        assertThat(a.packet().ipv4Src()).isEqualTo(client.ip);
        assertThat(a.packet().srcPort()).isEqualTo(40000);

        net.send(a.server(), Frames.tcp(a.server().mac, client.mac, a.server().ip, client.ip, 8080, 40000,
                TcpFlags.SYN | TcpFlags.ACK));

        assertThat(client.ipPackets()).singleElement().satisfies(v -> {
            assertThat(v.ipv4Src()).isEqualTo(VIP);
            assertThat(v.srcPort()).isEqualTo(80);
            assertThat(v.ethSrc()).isEqualTo(vmac());
            assertThat(v.ipv4Dst()).isEqualTo(client.ip);
            assertThat(v.dstPort()).isEqualTo(40000);
        });
        assertThat(net.controller().hostService().hostByIp(org.projectfloodlight.openflow.types.IPv4Address.of(VIP)))
                .as("the VIP is never taken for a host").isNull();
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void dsrRewritesOnlyTheDestinationMac(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.DSR, 0);

        byte[] syn = Frames.syn(client, vmac(), VIP, 40001, 80);
        net.send(client, syn);

        Arrival a = arrival();
        byte[] expected = syn.clone();
        System.arraycopy(macBytes(a.server().mac), 0, expected, 0, 6);
        assertThat(a.server().received().get(a.server().received().size() - 1))
                .as("the frame as sent, but for its destination MAC").isEqualTo(expected);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void serversClaimingADsrVipByArpAreNotHeard(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.DSR, 0);

        net.send(servers.get(0), Frames.arpClaim(servers.get(0), VIP));

        assertThat(client.views()).isEmpty();
        assertThat(servers.get(1).views()).isEmpty();
        assertThat(servers.get(2).views()).isEmpty();
    }

    static byte[] macBytes(long mac) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (mac >>> (40 - 8 * i));
        }
        return b;
    }
}
