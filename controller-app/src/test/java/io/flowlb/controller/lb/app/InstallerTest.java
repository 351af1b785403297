package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.sim.Frames;
import io.flowlb.controller.lb.sim.SimDatapath;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.packet.TcpFlags;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.projectfloodlight.openflow.protocol.OFGroupModify;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPacketOut;

/**
 * The proactive installer's life cycle on a switch: weights, removals, reconnects, refused
 * services; judged by the simulated switch's tables and where packets go.
 */
class InstallerTest extends LbTestBase {

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void newConnectionsSpreadByWeight(boolean flowSwitch) {
        start(flowSwitch);
        configure(Vip.of(VIP_ID, IpAddress.ofV4(VIP), Protocol.TCP, 80).withPool(POOL), weighted(), 80,
                new int[] {1, 2, 3});

        Map<String, Integer> spread = spread(10_000, 600);

        assertThat(spread).doesNotContainKey("none");
        assertThat(spread.get("s1")).isBetween(100 - 30, 100 + 30);
        assertThat(spread.get("s2")).isBetween(200 - 40, 200 + 40);
        assertThat(spread.get("s3")).isBetween(300 - 40, 300 + 40);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aWeightChangeIsOneGroupModifyAndNewConnectionsFollowIt(boolean flowSwitch) {
        start(flowSwitch);
        configure(Vip.of(VIP_ID, IpAddress.ofV4(VIP), Protocol.TCP, 80).withPool(POOL), weighted(), 80,
                new int[] {1, 1, 1});
        int before = net.switches.sent().size();

        net.lb.setMemberWeight(member(2), 18);
        settle();

        assertThat(sentSince(before)).singleElement().isInstanceOf(OFGroupModify.class);
        assertThat(spread(20_000, 200).get("s3")).isGreaterThan(160);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aRemovedMemberLosesItsBucketAndItsReverseFlow(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);
        assertThat(onlyGroup().buckets()).hasSize(3);

        net.lb.deleteMember(member(1));
        settle();

        assertThat(onlyGroup().buckets()).hasSize(2);
        assertThat(lbFlows()).noneMatch(f -> f.match().toString().contains("10.0.0.12"));
        assertThat(spread(30_000, 30)).doesNotContainKey("s2").doesNotContainKey("none");
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aRemovedVipLeavesNoFlowOrGroupBehind(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);
        assertThat(lbFlows()).isNotEmpty();

        net.lb.deleteVip(VIP_ID);
        settle();

        assertThat(lbFlows()).isEmpty();
        assertThat(net.datapath(1).groups()).isEmpty();
        net.send(client, Frames.syn(client, 0x02_0000_0000_99L, VIP, 40000, 80));
        assertThat(servers).allMatch(s -> s.ipPackets().stream().noneMatch(v -> v.ipv4Dst() == s.ip));
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aSwitchThatReconnectsGetsTheWholeStateBack(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);
        Set<String> flows = describe(lbFlows());
        Map<Integer, SimDatapath.Group> groups = Map.copyOf(net.datapath(1).groups());

        net.disconnect(Dpid.of(1));
        net.connect(Dpid.of(1));

        assertThat(describe(lbFlows())).isEqualTo(flows);
        assertThat(net.datapath(1).groups()).isEqualTo(groups);
        assertThat(connect(40000)).isNotNull();
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aPortNoVipServesGetsAReset(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);

        net.send(client, Frames.syn(client, vmac(), VIP, 40000, 81));

        assertThat(client.ipPackets()).singleElement().satisfies(v -> {
            assertThat(v.tcpFlags() & TcpFlags.RST).isNotZero();
            assertThat(v.ipv4Src()).isEqualTo(VIP);
            assertThat(v.srcPort()).isEqualTo(81);
            assertThat(v.dstPort()).isEqualTo(40000);
        });
        assertThat(servers).allMatch(s -> s.ipPackets().isEmpty());
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void udpToAPortNoVipServesIsDroppedAndPingIsAnswered(boolean flowSwitch) {
        start(flowSwitch);
        configure(ForwardingMode.NAT, 8080);

        net.send(client, Frames.udp(client, vmac(), VIP, 5000, 53));
        assertThat(client.ipPackets()).isEmpty();
        assertThat(servers).allMatch(s -> s.ipPackets().isEmpty());

        net.send(client, Frames.ping(client, vmac(), VIP));
        assertThat(client.ipPackets()).singleElement().satisfies(v -> {
            assertThat(v.icmpType()).isZero();
            assertThat(v.ipv4Src()).isEqualTo(VIP);
        });
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aMemberWhoseMacIsUnknownGetsABucketOnceItIsFound(boolean flowSwitch) {
        start(flowSwitch);
        servers.get(2).silent();
        configure(ForwardingMode.NAT, 8080);
        assertThat(onlyGroup().buckets()).hasSize(2);
        assertThat(spread(40_000, 20)).containsOnlyKeys("s1", "s2");

        net.send(servers.get(2), Frames.arpRequest(servers.get(2), client.ip));
        settle();

        assertThat(onlyGroup().buckets()).hasSize(3);
    }

    @ParameterizedTest(name = "flow-switch {0}")
    @ValueSource(booleans = {false, true})
    void aSwitchThatRejectsABatchIsReinstalledAfterAHoldOff(boolean flowSwitch) {
        start(flowSwitch);
        net.switches.rejectBatches = 1;
        configure(ForwardingMode.NAT, 8080);
        assertThat(net.datapath(1).groups()).as("nothing of the rejected batch").isEmpty();

        net.advance(1_000);

        assertThat(onlyGroup().buckets()).hasSize(3);
        assertThat(connect(40_000)).isNotNull();
    }

    private SimDatapath.Group onlyGroup() {
        assertThat(net.datapath(1).groups()).hasSize(1);
        return net.datapath(1).groups().values().iterator().next();
    }

    private List<OFMessage> sentSince(int index) {
        return net.switches.sent().subList(index, net.switches.sent().size()).stream()
                .map(s -> s.msg()).filter(m -> !(m instanceof OFPacketOut)).toList();
    }

    private static Set<String> describe(List<SimDatapath.Flow> flows) {
        Set<String> out = new HashSet<>();
        for (SimDatapath.Flow f : flows) {
            out.add(f.table() + " " + f.priority() + " " + f.match() + " " + f.instructions() + " " + f.cookie());
        }
        return out;
    }

}
