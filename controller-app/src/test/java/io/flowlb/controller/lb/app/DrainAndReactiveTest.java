package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.lb.install.InstallerSettings;
import io.flowlb.controller.lb.sim.Frames;
import io.flowlb.controller.lb.sim.SimHost;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.packet.TcpFlags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Draining and the reactive installer: a drained member keeps its connections and gets no new
 * ones on both kinds of switch; reactive VIPs install one connection's flows on its first packet.
 */
class DrainAndReactiveTest extends LbTestBase {

    /** Sends a data segment of the connection from {@code sport}; returns the server that got it. */
    SimHost data(int sport) {
        clearAll();
        net.send(client, Frames.tcp(client.mac, vmac(), client.ip, VIP, sport, 80, TcpFlags.ACK | TcpFlags.PSH));
        return receiver();
    }

    /** The server that received an IP packet since the last clear, or null. */
    SimHost receiver() {
        for (SimHost s : servers) {
            if (!s.ipPackets().isEmpty()) {
                return s;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aDrainedMemberKeepsItsConnectionAndGetsNoNewOnes(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);
        SimHost first = connect(50_000);
        assertThat(data(50_000)).isSameAs(first);
        int index = servers.indexOf(first);

        net.lb.setMemberAdminState(member(index), AdminState.DRAIN);
        settle();

        assertThat(data(50_000)).as("the established connection stays").isSameAs(first);
        assertThat(data(50_000)).isSameAs(first);
        Map<String, Integer> fresh = spread(51_000, 60);
        assertThat(fresh).doesNotContainKey(first.name).doesNotContainKey("none");
        assertThat(fresh).hasSize(2);
        assertThat(data(50_000)).as("still, after new connections").isSameAs(first);
        assertThat(net.app().reactive().adoptions()).as("Open vSwitch: the connection was adopted through the"
                + " frozen group").isEqualTo(flowSwitch ? 0 : 1);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void whenAMemberDiesTheOthersKeepTheirConnections(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);
        java.util.Map<Integer, SimHost> before = new java.util.HashMap<>();
        for (int port = 57_000; port < 57_030; port++) {
            before.put(port, connect(port));
        }
        SimHost dead = servers.get(0);

        net.app().publish(POOL, new PoolWeights(POOL, List.of(MemberWeight.closed(member(0), 1, false),
                new MemberWeight(member(1), 1, 1, true, true), new MemberWeight(member(2), 1, 1, true, true))));
        settle();

        before.forEach((port, server) -> {
            if (server != dead) {
                assertThat(data(port)).as("connection from port %d", port).isSameAs(server);
            }
        });
        assertThat(spread(58_000, 30)).doesNotContainKey(dead.name).doesNotContainKey("none");
    }

    @Test
    void aFrozenVipThawsOnceNoConnectionFromBeforeIsLeft() {
        start(false);
        configure(ForwardingMode.NAT, 8080);
        SimHost first = connect(59_000);
        net.lb.setMemberAdminState(member(servers.indexOf(first)), AdminState.DRAIN);
        settle();
        assertThat(data(59_000)).isSameAs(first);
        assertThat(net.app().frozenVips().get(io.flowlb.controller.openflow.Dpid.of(1))).containsExactly(VIP_ID);

        net.lb.setMemberAdminState(member(servers.indexOf(first)), AdminState.UP);
        settle();
        net.advance(120_000);
        assertThat(net.app().frozenVips().get(io.flowlb.controller.openflow.Dpid.of(1)))
                .as("an adopted connection is still there").containsExactly(VIP_ID);

        net.datapath(1).expire(io.flowlb.controller.lb.install.LbCookie.of(
                io.flowlb.controller.lb.install.LbCookie.Kind.ADOPTION, VIP_ID.value()));
        net.advance(10_000);

        assertThat(net.app().frozenVips().get(io.flowlb.controller.openflow.Dpid.of(1))).isEmpty();
        assertThat(lbFlows()).anySatisfy(f -> assertThat(f.instructions().toString()).contains("OFActionGroup"));
        int before = net.packetIns;
        assertThat(spread(59_100, 30)).containsKeys("s1", "s2", "s3");
        assertThat(net.packetIns).as("proactive again: new connections no longer reach the controller")
                .isEqualTo(before);
    }

    @Test
    void aTupleReusedThroughTheGroupFollowsTheGroupWhenTheVipFreezesAgain() {
        start(false);
        configure(ForwardingMode.NAT, 8080);
        // Frozen: the controller places these tuples' connections itself and remembers them.
        net.lb.setMemberAdminState(member(0), AdminState.DRAIN);
        settle();
        net.advance(5_000);
        Map<Integer, SimHost> placedByController = new java.util.HashMap<>();
        for (int port = 61_000; port < 61_030; port++) {
            placedByController.put(port, connect(port));
        }
        // Thawed one idle timeout after the freeze, while the controller still holds those entries
        // (placed 5 s later): the group places new connections on the same tuples without it.
        net.lb.setMemberAdminState(member(0), AdminState.UP);
        settle();
        net.advance(InstallerSettings.DEFAULT_CONNECTION_IDLE_SECONDS * 1000L - 4_000);
        assertThat(net.app().frozenVips().get(io.flowlb.controller.openflow.Dpid.of(1))).isEmpty();
        Map<Integer, SimHost> viaGroup = new java.util.HashMap<>();
        for (int port = 61_000; port < 61_030; port++) {
            viaGroup.put(port, connect(port));
        }
        assertThat(viaGroup.keySet()).as("some tuples now on another server than before")
                .anyMatch(port -> viaGroup.get(port) != placedByController.get(port));

        // Frozen again: every connection keeps the server the group gave it, not the earlier one's.
        net.lb.setMemberAdminState(member(1), AdminState.DRAIN);
        settle();
        viaGroup.forEach((port, server) ->
                assertThat(data(port)).as("connection from port %d", port).isSameAs(server));
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aMemberBackInServiceTakesNewConnectionsAgain(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);
        net.lb.setMemberAdminState(member(0), AdminState.DRAIN);
        settle();
        assertThat(spread(52_000, 30)).doesNotContainKey("s1");

        net.lb.setMemberAdminState(member(0), AdminState.UP);
        settle();

        assertThat(spread(53_000, 60)).containsKeys("s1", "s2", "s3");
    }

    @Test
    void aSynReusingThePinnedTupleOfAnOldConnectionAvoidsADrainedServer() {
        ControllerConfig c = ControllerConfig.defaults();
        start(false, c.withLoadBalancer(c.loadBalancer().withInstaller("reactive")));
        configure(ForwardingMode.NAT, 8080);
        SimHost first = connect(57_000);
        assertThat(data(57_000)).isSameAs(first);
        net.lb.setMemberAdminState(member(servers.indexOf(first)), AdminState.DRAIN);
        settle();
        assertThat(data(57_000)).as("the old connection keeps its server").isSameAs(first);

        assertThat(connect(57_000)).as("the SYN of a tuple that moves waits for the flows to settle").isNull();
        net.advance(InstallerSettings.DEFAULT_FLOW_SETTLE_MILLIS - 1);
        assertThat(receiver()).isNull();
        net.advance(1);
        SimHost again = receiver();

        assertThat(again).as("a new connection on the same tuple").isNotNull().isNotSameAs(first);
        assertThat(net.app().reactive().held()).isEqualTo(1);
        assertThat(data(57_000)).as("and its data follows it").isSameAs(again);
        assertThat(lbFlows()).as("a flow sends the VIP's opening segments to the controller")
                .anyMatch(f -> f.match().isPartiallyMasked(
                        org.projectfloodlight.openflow.protocol.match.MatchField.OVS_TCP_FLAGS));
    }

    @Test
    void reactiveVipsInstallEachConnectionOnItsFirstPacket() {
        ControllerConfig c = ControllerConfig.defaults();
        start(false, c.withLoadBalancer(c.loadBalancer().withInstaller("reactive")));
        configure(ForwardingMode.NAT, 8080);
        assertThat(net.datapath(1).groups()).isEmpty();

        int before = net.packetIns;
        SimHost s = connect(54_000);
        assertThat(s).isNotNull();
        assertThat(net.packetIns - before).as("the first packet goes to the controller").isEqualTo(1);

        assertThat(data(54_000)).isSameAs(s);
        assertThat(net.packetIns - before).as("the next one follows the connection's flow").isEqualTo(1);
        assertThat(arrival().packet().ipv4Dst()).isEqualTo(s.ip);
        assertThat(arrival().packet().dstPort()).isEqualTo(8080);

        clearAll();
        net.send(s, Frames.tcp(s.mac, client.mac, s.ip, client.ip, 8080, 54_000, TcpFlags.ACK));
        assertThat(client.ipPackets()).singleElement().satisfies(v -> {
            assertThat(v.ipv4Src()).isEqualTo(VIP);
            assertThat(v.srcPort()).isEqualTo(80);
        });
    }

    @Test
    void aRemovedReactiveVipLeavesNoConnectionFlowBehind() {
        ControllerConfig c = ControllerConfig.defaults();
        start(false, c.withLoadBalancer(c.loadBalancer().withInstaller("reactive")));
        configure(ForwardingMode.NAT, 8080);
        connect(56_000);
        connect(56_001);
        assertThat(lbFlows()).anyMatch(f -> f.idleTimeout() > 0);

        net.lb.deleteVip(VIP_ID);
        settle();

        assertThat(lbFlows()).isEmpty();
    }

    @Test
    void aRemovedMembersReactiveConnectionsAreSelectedAgain() {
        ControllerConfig c = ControllerConfig.defaults();
        start(false, c.withLoadBalancer(c.loadBalancer().withInstaller("reactive")));
        configure(ForwardingMode.DSR, 0);
        SimHost s = connect(55_000);
        int index = servers.indexOf(s);

        net.lb.deleteMember(member(index));
        settle();

        SimHost now = data(55_000);
        assertThat(now).isNotNull().isNotSameAs(s);
        assertThat(lbFlows()).noneMatch(f -> f.cookie().getValue() == io.flowlb.controller.lb.install.LbCookie.of(
                io.flowlb.controller.lb.install.LbCookie.Kind.CONNECTION, member(index).value()));
    }

    @Test
    void tasksQueuedBeforeShutdownRunHarmlesslyAfterTheTableIsClosed() {
        ControllerConfig c = ControllerConfig.defaults();
        start(false, c.withLoadBalancer(c.loadBalancer().withInstaller("reactive")));
        configure(ForwardingMode.NAT, 8080);
        assertThat(connect(58_500)).isNotNull();

        net.app().reactive().close();

        assertThat(net.app().reactive().connectionsByBackend().values()).as("installed so far, none active")
                .singleElement().satisfies(c2 -> assertThat(c2).containsExactly(0, 1));
        assertThat(connect(58_501)).as("no new connection once closed").isNull();
        net.advance(2_000);
        assertThat(net.app().reactive().tracked()).isZero();
    }
}
