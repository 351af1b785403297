package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.sim.Frames;
import io.flowlb.controller.lb.sim.SimHost;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.openflow.OfErrorException;
import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.controller.view.VipDistribution;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.bsntlv.OFBsnTlv;
import org.projectfloodlight.openflow.types.U64;

/**
 * Connections per member of proactive VIPs, as flow-switch reports them per SELECT bucket
 * ({@code flowlb.select_connections}): the view shows them, switches that cannot are not asked,
 * and bad answers are counted, never thrown.
 */
class SwitchConnectionsTest extends LbTestBase {
    static final Dpid SW = Dpid.of(1);
    static final long POLL = 5_000;
    final OFFactory f = OFFactories.getFactory(OFVersion.OF_13);

    VipDistribution view() {
        return net.app().distributionView().distribution(VIP_ID);
    }

    void startWithVip(boolean flowSwitch) {
        start(flowSwitch);
        configure(Vip.of(VIP_ID, IpAddress.ofV4(VIP), Protocol.TCP, 80).withPool(POOL), weighted(), 80,
                new int[] {1, 1, 1});
    }

    int groupId() {
        return net.datapath(1).groups().keySet().iterator().next();
    }

    OFBsnGenericStatsEntry entry(long... values) {
        List<U64> list = new ArrayList<>();
        for (long v : values) {
            list.add(U64.of(v));
        }
        return entry(f.bsnTlvs().buildUint64List().setValue(list).build());
    }

    OFBsnGenericStatsEntry entry(OFBsnTlv... tlvs) {
        return f.buildBsnGenericStatsEntry().setTlvs(List.of(tlvs)).build();
    }

    OFStatsReply part(boolean more, OFBsnGenericStatsEntry... entries) {
        return f.buildBsnGenericStatsReply().setEntries(List.of(entries))
                .setFlags(more ? EnumSet.of(OFStatsReplyFlags.REPLY_MORE) : EnumSet.noneOf(OFStatsReplyFlags.class))
                .build();
    }

    void answer(OFStatsReply... parts) {
        net.switches.connectionAnswer = (dpid, req) -> CompletableFuture.completedFuture(List.of(parts));
    }

    long[] connections(int member) {
        MemberDistribution m = view().members().get(member);
        return new long[] {m.activeConnections(), m.totalConnections()};
    }

    int requests() {
        return net.switches.connectionRequests.getOrDefault(SW, 0);
    }

    long ignored(String kind) {
        return net.app().selectConnectionCounters().get(kind);
    }

    @Test
    void showsTheConnectionsFlowSwitchHoldsForEachMemberOfAProactiveVip() {
        startWithVip(true);
        Map<String, Integer> spread = spread(10_000, 90);
        assertThat(view().members()).extracting(MemberDistribution::totalConnections).as("before the poll")
                .containsOnly(0L);

        net.advance(POLL);

        for (int i = 0; i < 3; i++) {
            long got = spread.getOrDefault(servers.get(i).name, 0);
            assertThat(connections(i)).as("member %d: active, total", i).containsExactly(got, got);
            LbDistributionView.Counters c = net.app().distributionView().counters(VIP_ID, member(i));
            assertThat(c.activeConnections()).as("one member looked up directly").isEqualTo(got);
        }
        assertThat(view().members().stream().mapToLong(MemberDistribution::totalConnections).sum()).isEqualTo(90);
        spread(10_000, 90);
        net.advance(POLL);
        assertThat(view().members().stream().mapToLong(MemberDistribution::totalConnections).sum())
                .as("the same connections again are not new ones").isEqualTo(90);
    }

    @Test
    void doesNotAskOpenVswitchWhoseGroupsHoldNoConnections() {
        startWithVip(false);
        spread(10_000, 30);
        net.advance(POLL);

        assertThat(requests()).isZero();
        assertThat(view().members()).extracting(MemberDistribution::activeConnections).containsOnly(0L);
        assertThat(view().members().stream().mapToLong(MemberDistribution::packetsIn).sum())
                .as("its bucket counters still count").isEqualTo(30);
    }

    @Test
    void gathersEveryPartOfAMultipartAnswer() {
        startWithVip(true);
        int g = groupId();
        answer(part(true, entry(g + 1000L, 1, 5, 5)), part(true), part(false, entry(g, 3, 1, 10, 2, 20, 3, 30)));

        net.advance(POLL);

        assertThat(connections(0)).containsExactly(1, 10);
        assertThat(connections(1)).containsExactly(2, 20);
        assertThat(connections(2)).containsExactly(3, 30);
        assertThat(ignored(SelectConnections.MISMATCHED)).as("the group that is not the load balancer's").isEqualTo(1);
    }

    @Test
    void sumsTheLastAnswerOfEachSwitch() {
        net.addSwitch(1, 3, true);
        net.addSwitch(2, 3, true);
        net.cable(1, 3, 2, 3);
        net.host("client", 0x0200_0000_0001L, Frames.ip("10.0.0.1"), 1, 1);
        SimHost a = net.host("s1", 0x0200_0000_0011L, Frames.ip("10.0.0.11"), 2, 1);
        SimHost b = net.host("s2", 0x0200_0000_0012L, Frames.ip("10.0.0.12"), 2, 2);
        net.start();
        net.advance(6_000);
        net.lb.replaceConfig(LbConfig.of(List.of(Vip.of(VIP_ID, IpAddress.ofV4(VIP), Protocol.TCP, 80).withPool(POOL)),
                List.of(Pool.of(POOL)), List.of(Member.of(member(0), POOL, IpAddress.ofV4(a.ip), 80),
                        Member.of(member(1), POOL, IpAddress.ofV4(b.ip), 80)), List.of(), List.of()));
        net.settle();
        int g = groupId();
        assertThat(net.datapath(2).groups().get(g).buckets()).as("the group is on both switches").hasSize(2);
        net.switches.connectionAnswer = (dpid, req) -> CompletableFuture.completedFuture(List.of(
                part(false, entry(g, 2, dpid.value(), 10 * dpid.value(), 0, 7))));

        net.advance(POLL);
        net.advance(POLL);

        assertThat(connections(0)).as("1 + 2 active, 10 + 20 total").containsExactly(3, 30);
        assertThat(connections(1)).containsExactly(0, 14);

        net.switches.connectionAnswer = (dpid, req) -> CompletableFuture.completedFuture(List.of(
                part(false, entry(g, 2, 0, 10 * dpid.value(), 0, 7))));
        net.advance(POLL);
        assertThat(connections(0)).as("each switch's last answer, not a running sum").containsExactly(0, 30);

        net.disconnect(Dpid.of(1));
        net.advance(POLL);
        assertThat(connections(0)).as("the switch that left no longer counts").containsExactly(0, 20);
    }

    @Test
    void stopsAskingASwitchThatAnswersAnErrorUntilItReconnects() {
        startWithVip(true);
        answer(part(false, entry(groupId(), 3, 1, 1, 0, 0, 0, 0)));
        net.advance(POLL);
        assertThat(connections(0)).containsExactly(1, 1);
        net.switches.connectionAnswer = (dpid, req) -> CompletableFuture.failedFuture(new OfErrorException(
                dpid.toString(), f.errorMsgs().buildBadRequestErrorMsg().setCode(OFBadRequestCode.BAD_EXPERIMENTER)
                        .build()));

        net.advance(POLL);
        net.advance(POLL);
        net.advance(POLL);

        assertThat(requests()).as("asked once more, then no longer").isEqualTo(2);
        assertThat(ignored(SelectConnections.REFUSED)).isEqualTo(1);
        assertThat(view().members()).as("no stale counts of a switch no longer asked")
                .extracting(MemberDistribution::totalConnections).containsOnly(0L);

        net.switches.connectionAnswer = null;
        net.disconnect(SW);
        net.connect(SW);
        net.advance(POLL);
        assertThat(requests()).as("asked again after it reconnected").isEqualTo(3);
    }

    @Test
    void keepsAskingAfterATimeout() {
        startWithVip(true);
        net.switches.connectionAnswer = (dpid, req) -> CompletableFuture.failedFuture(new TimeoutException("slow"));
        net.advance(POLL);
        answer(part(false, entry(groupId(), 3, 1, 1, 0, 0, 0, 0)));

        net.advance(POLL);

        assertThat(requests()).isEqualTo(2);
        assertThat(connections(0)).containsExactly(1, 1);
    }

    @Test
    void ignoresAnEntryWhoseBucketsDoNotMatchThePlan() {
        startWithVip(true);
        answer(part(false, entry(groupId(), 2, 1, 1, 2, 2)));

        net.advance(POLL);

        assertThat(view().members()).extracting(MemberDistribution::totalConnections).containsOnly(0L);
        assertThat(ignored(SelectConnections.MISMATCHED)).isEqualTo(1);
    }

    @Test
    void countsMalformedAnswersAndStillTakesTheGoodEntries() {
        startWithVip(true);
        int g = groupId();
        answer(part(true, f.buildBsnGenericStatsEntry().setTlvs(List.of()).build(), entry(f.bsnTlvs().buildUint64List().setValue(List.of(U64.of(g))).build(),
                        f.bsnTlvs().buildUint64List().setValue(List.of(U64.of(g))).build()),
                        entry(f.bsnTlvs().buildName().setValue(new byte[] {'x'}).build())),
                part(true, entry(g), entry(g, 3, 1, 1), entry(g, 3, 1, 1, 1, 1, 1, 1, 9), entry(g, -1, 1, 1)),
                f.buildBsnPortCounterStatsReply().setFlags(EnumSet.of(OFStatsReplyFlags.REPLY_MORE)).build(),
                part(false, entry(g, 3, 4, 40, 5, 50, 6, 60)));

        net.advance(POLL);

        assertThat(ignored(SelectConnections.WRONG_TLV)).as("no TLV, two lists, a name").isEqualTo(3);
        assertThat(ignored(SelectConnections.WRONG_LENGTH)).isEqualTo(4);
        assertThat(ignored(SelectConnections.WRONG_REPLY)).isEqualTo(1);
        assertThat(connections(0)).containsExactly(4, 40);
        assertThat(connections(2)).containsExactly(6, 60);

        net.advance(POLL);
        assertThat(ignored(SelectConnections.WRONG_LENGTH)).as("counted again on every answer").isEqualTo(8);
        assertThat(requests()).as("bad entries do not stop the asking").isEqualTo(2);
    }
}
