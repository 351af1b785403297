package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.sim.Frames;
import io.flowlb.controller.lb.sim.LbSimNetwork;
import io.flowlb.controller.lb.sim.SimHost;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Members on another switch than the client: the client's switch balances and sends the packet
 * towards the member's switch, which delivers it without balancing it again (in DSR mode the
 * packet still carries the VIP address, but no longer the virtual MAC).
 */
class MultiSwitchTest {
    static final int VIP = Frames.ip("10.0.0.100");

    final LbSimNetwork net = new LbSimNetwork();
    SimHost client;
    SimHost s1;
    SimHost s2;

    /**
     * Two switches cabled together, the client on the first, members a (s1) and b (s2) of a DSR
     * VIP on the second; returns the VIP once the controller has found the link and installed it.
     */
    Vip start(boolean flowSwitch) {
        net.addSwitch(1, 3, flowSwitch);
        net.addSwitch(2, 3, flowSwitch);
        net.cable(1, 3, 2, 3);
        client = net.host("client", 0x0200_0000_0001L, Frames.ip("10.0.0.1"), 1, 1);
        s1 = net.host("s1", 0x0200_0000_0011L, Frames.ip("10.0.0.11"), 2, 1);
        s2 = net.host("s2", 0x0200_0000_0012L, Frames.ip("10.0.0.12"), 2, 2);
        net.start();
        net.advance(6_000);
        assertThat(net.controller().topologyService().topology().links()).hasSize(2);

        PoolId pool = PoolId.of("p");
        Vip vip = Vip.of(VipId.of("v"), IpAddress.ofV4(VIP), Protocol.TCP, 80).withMode(ForwardingMode.DSR)
                .withPool(pool);
        net.lb.replaceConfig(LbConfig.of(List.of(vip), List.of(Pool.of(pool)), List.of(
                Member.of(MemberId.of("a"), pool, IpAddress.ofV4(s1.ip), 0),
                Member.of(MemberId.of("b"), pool, IpAddress.ofV4(s2.ip), 0)), List.of(), List.of()));
        net.settle();
        return vip;
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aDsrPacketCrossesToTheMembersSwitchOnceAndIntact(boolean flowSwitch) {
        Vip vip = start(flowSwitch);
        s1.clear();
        s2.clear();

        long vmac = vip.effectiveMac().value();
        for (int port = 30_000; port < 30_020; port++) {
            net.send(client, Frames.syn(client, vmac, VIP, port, 80));
        }

        assertThat(s1.ipPackets().size() + s2.ipPackets().size()).as("each SYN arrives once").isEqualTo(20);
        assertThat(s1.ipPackets()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.ethDst()).isEqualTo(s1.mac);
            assertThat(v.ipv4Dst()).isEqualTo(VIP);
        });
        assertThat(s2.ipPackets()).isNotEmpty().allSatisfy(v -> assertThat(v.ethDst()).isEqualTo(s2.mac));
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void theMeasuredShareCountsTheSwitchTheClientsComeInBy(boolean flowSwitch) {
        Vip vip = start(flowSwitch);

        for (int port = 31_000; port < 31_021; port++) {
            net.send(client, Frames.syn(client, vip.effectiveMac().value(), VIP, port, 80));
        }
        net.advance(5_000);

        var members = net.app().distributionView().distribution(vip.id()).members();
        long total = members.get(0).packetsIn() + members.get(1).packetsIn();
        assertThat(total).as("counted once, by the client's switch").isEqualTo(21);
        assertThat(members.get(0).share()).as("measured (21 packets cannot split evenly), not configured")
                .isEqualTo(members.get(0).packetsIn() / 21.0);
    }
}
