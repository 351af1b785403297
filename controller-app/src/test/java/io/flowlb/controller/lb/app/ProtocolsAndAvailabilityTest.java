package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.sim.Frames;
import io.flowlb.controller.lb.sim.SimHost;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.AvailabilityMode;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocols other than TCP (balanced in DSR mode on source, destination and protocol; ICMP also
 * NAT-balanced as Floodlight's examples do), and primary/secondary pools.
 */
class ProtocolsAndAvailabilityTest extends LbTestBase {

    void dsrVip(Protocol protocol, int port) {
        configure(Vip.of(VIP_ID, IpAddress.ofV4(VIP), protocol, port).withMode(ForwardingMode.DSR).withPool(POOL),
                Pool.of(POOL), 0, new int[] {1, 1, 1});
    }

    /** Sends {@code frame} from clients with 30 different addresses; returns the servers reached. */
    Set<String> fromManyClients(java.util.function.Function<SimHost, byte[]> frame) {
        Set<String> reached = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            SimHost c = net.host("c" + i, 0x0200_0000_1000L + i, Frames.ip("10.0.1." + (i + 1)), 1, 1);
            clearAll();
            byte[] f = frame.apply(c);
            net.send(client, f);
            Arrival a = arrival();
            byte[] expected = f.clone();
            System.arraycopy(NatAndDsrTest.macBytes(a.server().mac), 0, expected, 0, 6);
            assertThat(a.server().received().get(a.server().received().size() - 1)).isEqualTo(expected);
            reached.add(a.server().name);
        }
        return reached;
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void udpIsBalancedInDsrMode(boolean flowSwitch) {
        start(flowSwitch);
        dsrVip(Protocol.UDP, 53);
        assertThat(fromManyClients(c -> Frames.udp(c, vmac(), VIP, 5353, 53))).hasSize(3);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void espWithoutPortsIsBalancedInDsrMode(boolean flowSwitch) {
        start(flowSwitch);
        dsrVip(Protocol.ESP, 0);
        assertThat(fromManyClients(c -> Frames.raw(c, vmac(), VIP, 50))).hasSize(3);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void icmpIsBalancedInDsrMode(boolean flowSwitch) {
        start(flowSwitch);
        dsrVip(Protocol.ICMP, 0);
        assertThat(fromManyClients(c -> Frames.ping(c, vmac(), VIP))).hasSize(3);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void pingToAnIcmpNatVipReachesAMemberAndItsReplyComesFromTheVip(boolean flowSwitch) {
        start(flowSwitch);
        configure(Vip.of(VIP_ID, IpAddress.ofV4(VIP), Protocol.ICMP, 0).withPool(POOL), Pool.of(POOL), 0,
                new int[] {1, 1, 1});

        net.send(client, Frames.ping(client, vmac(), VIP));

        Arrival a = arrival();
        assertThat(a.packet().ipv4Dst()).isEqualTo(a.server().ip);
        assertThat(a.packet().icmpType()).isEqualTo(8);
        assertThat(client.ipPackets()).as("the switch does not answer a balanced ping itself").isEmpty();
        net.send(a.server(), io.flowlb.loadbalancer.packet.FrameBuilder.ethernet(client.mac, a.server().mac)
                .ipv4(a.server().ip, client.ip).icmpEcho(false, 7, 1).payload(8).build());
        assertThat(client.ipPackets()).singleElement().satisfies(v -> {
            assertThat(v.ipv4Src()).isEqualTo(VIP);
            assertThat(v.icmpType()).isZero();
        });
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void onlyThePrimaryGetsTrafficAndItsSecondaryTakesOverWhenItFails(boolean flowSwitch) {
        start(flowSwitch);
        configure(Vip.of(VIP_ID, IpAddress.ofV4(VIP), Protocol.TCP, 80).withPool(POOL),
                Pool.of(POOL).withAvailability(AvailabilityMode.PRIMARY_SECONDARY), 80, new int[] {1, 1, 1});
        assertThat(spread(60_000, 20)).containsOnlyKeys("s1");

        net.app().publish(POOL, new PoolWeights(POOL, List.of(MemberWeight.closed(member(0), 1, false),
                new MemberWeight(member(1), 1, 1, true, true), MemberWeight.closed(member(2), 1, true))));
        settle();

        assertThat(spread(61_000, 20)).containsOnlyKeys("s2");
    }

}
