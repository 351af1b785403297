package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.sim.Frames;
import io.flowlb.controller.lb.sim.LbSimNetwork;
import io.flowlb.controller.lb.sim.SimHost;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Router;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.RouterSelection;
import io.flowlb.loadbalancer.packet.PacketView;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Router pools (WO 99/33227 Fig. 2): servers asking for the gateway get a router each; when a
 * router stops answering, its servers are told the gateway is at another router.
 */
class RouterPoolTest {
    static final int GATEWAY = Frames.ip("10.0.0.254");
    static final long R1_MAC = 0x0200_0000_00a1L;
    static final long R2_MAC = 0x0200_0000_00a2L;

    final LbSimNetwork net = new LbSimNetwork();
    SimHost server1;
    SimHost server2;
    SimHost router1;
    SimHost router2;

    void start(boolean flowSwitch) {
        net.addSwitch(1, 5, flowSwitch);
        server1 = net.host("server1", 0x0200_0000_0011L, Frames.ip("10.0.0.11"), 1, 1);
        server2 = net.host("server2", 0x0200_0000_0012L, Frames.ip("10.0.0.12"), 1, 2);
        router1 = net.host("router1", R1_MAC, Frames.ip("10.0.0.201"), 1, 3);
        router2 = net.host("router2", R2_MAC, Frames.ip("10.0.0.202"), 1, 4);
        net.start();
        RouterPool pool = RouterPool.of(RouterPoolId.of("out"), IpAddress.ofV4(GATEWAY),
                List.of(new Router(IpAddress.ofV4(router1.ip), new MacAddress(R1_MAC)),
                        new Router(IpAddress.ofV4(router2.ip), new MacAddress(R2_MAC))))
                .withSelection(RouterSelection.SOURCE_IP_ROUND_ROBIN);
        net.lb.putRouterPool(pool);
        net.settle();
    }

    /** The server asks for the gateway; returns the MAC of the answer (0: none). */
    long askGateway(SimHost server) {
        server.clear();
        net.send(server, Frames.arpRequest(server, GATEWAY));
        for (PacketView v : server.views()) {
            if (v.isArp() && v.arpOp() == 2 && v.arpSpa() == GATEWAY) {
                return v.arpSha();
            }
        }
        return 0;
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void eachServerGetsARouterAndKeepsIt(boolean flowSwitch) {
        start(flowSwitch);

        long first = askGateway(server1);
        long second = askGateway(server2);

        assertThat(List.of(first, second)).containsExactlyInAnyOrder(R1_MAC, R2_MAC);
        int packetIns = net.packetIns;
        assertThat(askGateway(server1)).isEqualTo(first);
        assertThat(net.packetIns - packetIns).as("flow-switch answers the refresh itself")
                .isEqualTo(flowSwitch ? 0 : 1);
        assertThat(router1.views()).as("routers never see servers' ARP for the gateway")
                .noneMatch(v -> v.isArp() && v.arpTpa() == GATEWAY);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aRouterReportedDownLosesItsServersUntilReportedUp(boolean flowSwitch) {
        start(flowSwitch);
        SimHost onRouter1 = askGateway(server1) == R1_MAC ? server1 : server2;

        net.app().routerHealth(RouterPoolId.of("out"), IpAddress.ofV4(router1.ip), false);
        net.settle();
        assertThat(askGateway(onRouter1)).isEqualTo(R2_MAC);

        net.app().routerHealth(RouterPoolId.of("out"), IpAddress.ofV4(router1.ip), true);
        net.settle();
        SimHost newcomer = net.host("server3", 0x0200_0000_0013L, Frames.ip("10.0.0.13"), 1, 5);
        assertThat(List.of(askGateway(newcomer), askGateway(onRouter1))).as("router 1 takes new servers again;"
                + " moved servers stay where they are").containsExactly(R1_MAC, R2_MAC);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void theServersOfAFailedRouterMoveToTheOtherAndTheirTrafficFollows(boolean flowSwitch) {
        start(flowSwitch);
        SimHost onRouter1 = askGateway(server1) == R1_MAC ? server1 : server2;
        onRouter1.clear();

        router1.silent();
        net.advance(5_000);

        assertThat(onRouter1.views()).as("an unsolicited announcement of the gateway at router 2")
                .anySatisfy(v -> {
                    assertThat(v.isArp()).isTrue();
                    assertThat(v.arpSpa()).isEqualTo(GATEWAY);
                    assertThat(v.arpSha()).isEqualTo(R2_MAC);
                });
        assertThat(askGateway(onRouter1)).isEqualTo(R2_MAC);

        router2.clear();
        net.send(onRouter1, Frames.udp(onRouter1, R2_MAC, Frames.ip("192.0.2.1"), 1234, 53));
        assertThat(router2.ipPackets()).singleElement().satisfies(v -> assertThat(v.ipv4Dst())
                .isEqualTo(Frames.ip("192.0.2.1")));
    }
}
