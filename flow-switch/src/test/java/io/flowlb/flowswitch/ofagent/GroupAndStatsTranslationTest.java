package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.AgentHarness.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupStats;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import io.flowlb.flowswitch.datapath.spec.PortStats;
import io.flowlb.flowswitch.datapath.spec.TableStats;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupFeaturesStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMeterFeaturesStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFTableStatsReply;
import org.projectfloodlight.openflow.protocol.OFAggregateStatsReply;
import org.projectfloodlight.openflow.types.IPv4Address;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;

class GroupAndStatsTranslationTest {
    private final AgentHarness h = new AgentHarness(new SwitchIdentity(1, "s1", "flowlb 0.1"));
    private final EmbeddedChannel ch = h.controller();

    private static OFBucket natBucket(int weight, String mac, String ip, int port) {
        return F13.buildBucket().setWeight(weight).setWatchPort(OFPort.ANY).setWatchGroup(OFGroup.ANY)
                .setActions(List.of(
                        F13.actions().setField(F13.oxms().ethDst(MacAddress.of(mac))),
                        F13.actions().setField(F13.oxms().ipv4Dst(IPv4Address.of(ip))),
                        F13.actions().output(OFPort.of(port), 0)))
                .build();
    }

    private static final List<OFBucket> BUCKETS = List.of(
            natBucket(50, "02:00:00:00:00:01", "10.0.0.1", 1),
            natBucket(30, "02:00:00:00:00:02", "10.0.0.2", 2),
            natBucket(20, "02:00:00:00:00:03", "10.0.0.3", 3));

    @Test
    void translatesASelectGroupWithWeightsAndNatBuckets() {
        h.send(ch, F13.buildGroupAdd().setGroup(OFGroup.of(5)).setGroupType(OFGroupType.SELECT).setBuckets(BUCKETS)
                .build());
        assertThat(AgentHarness.read(ch)).isEmpty();
        assertThat(h.datapath.groupCommands).containsExactly(GroupModCommand.ADD);
        GroupSpec g = h.datapath.groupMods.get(0);
        assertThat(g.groupId()).isEqualTo(5);
        assertThat(g.type()).isEqualTo(GroupType.SELECT);
        assertThat(g.buckets()).extracting(Bucket::weight).containsExactly(50, 30, 20);
        assertThat(g.buckets().get(1).hasWatchPort()).isFalse();
        assertThat(g.buckets().get(1).actions()).containsExactly(
                new Action.SetField(MatchField.ETH_DST, 0x020000000002L),
                new Action.SetField(MatchField.IPV4_DST, 0x0a000002L),
                new Action.Output(2, 0));
    }

    @Test
    void groupDescReturnsWhatWasInstalled() {
        h.send(ch, F13.buildGroupAdd().setGroup(OFGroup.of(5)).setGroupType(OFGroupType.SELECT).setBuckets(BUCKETS)
                .build());
        h.datapath.groups = List.copyOf(h.datapath.groupMods);
        h.send(ch, F13.buildGroupDescStatsRequest().setXid(3).build());
        OFGroupDescStatsReply r = (OFGroupDescStatsReply) AgentHarness.only(ch);
        assertThat(r.getEntries()).singleElement().satisfies(e -> {
            assertThat(e.getGroup()).isEqualTo(OFGroup.of(5));
            assertThat(e.getGroupType()).isEqualTo(OFGroupType.SELECT);
            assertThat(e.getBuckets()).isEqualTo(BUCKETS);
        });
    }

    @Test
    void modifyAndDeleteReachTheDatapath() {
        h.send(ch, F13.buildGroupModify().setGroup(OFGroup.of(5)).setGroupType(OFGroupType.SELECT)
                .setBuckets(BUCKETS).build());
        h.send(ch, F13.buildGroupDelete().setGroup(OFGroup.ALL).setGroupType(OFGroupType.ALL).build());
        assertThat(h.datapath.groupCommands).containsExactly(GroupModCommand.MODIFY, GroupModCommand.DELETE);
        assertThat(h.datapath.groupMods.get(1).groupId()).isEqualTo(GroupSpec.ALL);
    }

    @Test
    void groupStatsCarryPerBucketCounters() {
        h.datapath.groupStats = List.of(new GroupStats(5, 1, 300, 30000, 1_000_000_000L,
                List.of(new GroupStats.BucketStats(150, 15000), new GroupStats.BucketStats(90, 9000),
                        new GroupStats.BucketStats(60, 6000))));
        h.send(ch, F13.buildGroupStatsRequest().setXid(4).setGroup(OFGroup.ALL).build());
        OFGroupStatsReply r = (OFGroupStatsReply) AgentHarness.only(ch);
        assertThat(r.getEntries().get(0).getPacketCount().getValue()).isEqualTo(300);
        assertThat(r.getEntries().get(0).getBucketStats()).extracting(b -> b.getPacketCount().getValue())
                .containsExactly(150L, 90L, 60L);
    }

    @Test
    void packetOutPassesInPortActionsAndFrame() {
        byte[] frame = new byte[60];
        frame[0] = 7;
        h.send(ch, F13.buildPacketOut().setInPort(OFPort.CONTROLLER).setActions(List.of(
                F13.actions().output(OFPort.TABLE, 0xffff), F13.actions().output(OFPort.of(2), 0))).setData(frame)
                .build());
        Object[] out = h.datapath.packetOuts.get(0);
        assertThat(out[0]).isEqualTo(PortNumbers.CONTROLLER);
        assertThat(out[1]).isEqualTo(List.of(new Action.Output(PortNumbers.TABLE, 0xffff), new Action.Output(2, 0)));
        assertThat((byte[]) out[2]).isEqualTo(frame);
    }

    @Test
    void describesItselfItsPortsAndItsTables() {
        h.datapath.ports = List.of(new PortDesc(1, "veth1", 0x020000000001L, 1500, 0, PortDesc.STATE_LIVE,
                10_000_000), new PortDesc(PortNumbers.APP_ARP, "app-arp", 0, 1500, 0, PortDesc.STATE_LIVE, 0));
        h.datapath.portStats = List.of(new PortStats(1, 10, 20, 1000, 2000, 1, 2, 0, 0, 1, 5_000_000_000L));
        h.datapath.tables = List.of(new TableStats(0, 3, 100, 90));
        h.send(ch, F13.buildDescStatsRequest().setXid(1).build());
        h.send(ch, F13.buildPortDescStatsRequest().setXid(2).build());
        h.send(ch, F13.buildPortStatsRequest().setXid(3).setPortNo(OFPort.ANY).build());
        h.send(ch, F13.buildTableStatsRequest().setXid(4).build());
        h.send(ch, F13.buildGroupFeaturesStatsRequest().setXid(5).build());
        h.send(ch, F13.buildMeterFeaturesStatsRequest().setXid(6).build());
        h.send(ch, F13.buildAggregateStatsRequest().setXid(7).setTableId(TableId.ALL)
                .setMatch(F13.buildMatch().build()).build());
        var replies = AgentHarness.read(ch);
        assertThat(replies).hasSize(7);
        OFDescStatsReply desc = (OFDescStatsReply) replies.get(0);
        assertThat(desc.getDpDesc()).isEqualTo("s1");
        assertThat(desc.getSwDesc()).isEqualTo("flowlb 0.1");
        OFPortDescStatsReply pd = (OFPortDescStatsReply) replies.get(1);
        assertThat(pd.getEntries()).extracting(p -> p.getName()).containsExactly("veth1", "app-arp");
        assertThat(pd.getEntries().get(0).getState()).contains(OFPortState.LIVE);
        assertThat(pd.getEntries().get(0).getCurrSpeed()).isEqualTo(10_000_000);
        OFPortStatsReply ps = (OFPortStatsReply) replies.get(2);
        assertThat(ps.getEntries().get(0).getTxBytes().getValue()).isEqualTo(2000);
        assertThat(ps.getEntries().get(0).getDurationSec()).isEqualTo(5);
        assertThat(ps.getEntries().get(0).getRxOverErr().getValue()).as("receive ring overruns").isEqualTo(1);
        OFTableStatsReply ts = (OFTableStatsReply) replies.get(3);
        assertThat(ts.getEntries().get(0).getLookupCount().getValue()).isEqualTo(100);
        OFGroupFeaturesStatsReply gf = (OFGroupFeaturesStatsReply) replies.get(4);
        assertThat(gf.getTypes()).isEqualTo(0b1111);
        assertThat(((OFMeterFeaturesStatsReply) replies.get(5)).getFeatures().getMaxMeter()).isZero();
        assertThat(((OFAggregateStatsReply) replies.get(6)).getFlowCount()).isZero();
    }
}
