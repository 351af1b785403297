package io.flowlb.flowswitch.ofagent;

import static io.flowlb.flowswitch.ofagent.WireClient.F13;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsEntry;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsReply;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.bsntlv.OFBsnTlv;
import org.projectfloodlight.openflow.protocol.bsntlv.OFBsnTlvUint64List;
import org.projectfloodlight.openflow.protocol.errormsg.OFBadRequestErrorMsg;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.IpProtocol;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TransportPort;
import org.projectfloodlight.openflow.types.U64;

/** A controller asks the switch, over OpenFlow, for the connections per SELECT bucket. */
class SelectConnectionsStatsTest {
    private final RealSwitch sw = new RealSwitch(4, dp -> FailModePolicy.SECURE);
    private final EmbeddedChannel ctl = sw.controller();

    private void ask(long xid, String name, List<OFBsnTlv> tlvs) {
        WireClient.send(ctl, F13.buildBsnGenericStatsRequest().setXid(xid).setName(name).setTlvs(tlvs).build());
    }

    private static List<Long> values(OFBsnGenericStatsEntry e) {
        assertThat(e.getTlvs()).hasSize(1).first().isInstanceOf(OFBsnTlvUint64List.class);
        return ((OFBsnTlvUint64List) e.getTlvs().get(0)).getValue().stream().map(U64::getValue).toList();
    }

    private static byte[] syn(int srcPort) {
        return FrameBuilder.ethernet(Frames.SWITCH_MAC, Frames.CLIENT_MAC).ipv4(Frames.CLIENT_V4, Frames.VIP_V4)
                .tcp(srcPort, 80, 1, 0, 0x02).build();
    }

    private static byte[] ack(int srcPort) {
        return FrameBuilder.ethernet(Frames.SWITCH_MAC, Frames.CLIENT_MAC).ipv4(Frames.CLIENT_V4, Frames.VIP_V4)
                .tcp(srcPort, 80, 2, 1, 0x10).build();
    }

    @Test
    void reportsActiveAndTotalConnectionsOfEachBucketThatServedNewConnections() {
        List<OFBucket> buckets = IntStream.rangeClosed(2, 4).mapToObj(p -> F13.buildBucket().setWeight(1)
                .setWatchPort(OFPort.ANY).setWatchGroup(OFGroup.ANY)
                .setActions(List.of(F13.actions().setField(F13.oxms().ethDst(MacAddress.of(0x020000000100L + p))),
                        F13.actions().output(OFPort.of(p), 0xffff)))
                .build()).toList();
        WireClient.send(ctl, F13.buildGroupAdd().setGroup(OFGroup.of(9)).setGroupType(OFGroupType.SELECT)
                .setBuckets(buckets).build());
        WireClient.send(ctl, F13.buildFlowAdd().setPriority(10)
                .setMatch(F13.buildMatch().setExact(MatchField.ETH_TYPE, EthType.IPv4)
                        .setExact(MatchField.IP_PROTO, IpProtocol.TCP).setExact(MatchField.TCP_DST, TransportPort.of(80))
                        .build())
                .setInstructions(List.of(F13.instructions().applyActions(List.of(F13.actions().group(OFGroup.of(9))))))
                .build());
        assertThat(WireClient.read(ctl)).as("no errors").isEmpty();
        for (int i = 0; i < 60; i++) {
            sw.receive(1, syn(30_000 + i));
        }
        long[] served = new long[3];
        for (int p = 2; p <= 4; p++) {
            served[p - 2] = sw.port(p).drainTransmitted().size();
        }
        for (int i = 0; i < 60; i++) {
            sw.receive(1, ack(30_000 + i)); // established: active
        }
        assertThat(served).doesNotContain(0L);

        ask(77, GenericStatsHandler.SELECT_CONNECTIONS, List.of());
        OFBsnGenericStatsReply reply = (OFBsnGenericStatsReply) WireClient.only(ctl);
        assertThat(reply.getXid()).isEqualTo(77);
        assertThat(reply.getFlags()).isEmpty();
        assertThat(reply.getEntries()).hasSize(1);
        assertThat(values(reply.getEntries().get(0)))
                .containsExactly(9L, 3L, served[0], served[0], served[1], served[1], served[2], served[2]);
    }

    @Test
    void manyGroupsAreSplitIntoRepliesFlaggedReplyMoreUnderTheSizeLimit() {
        int groups = 400;
        for (int id = 1; id <= groups; id++) {
            Bucket[] b = new Bucket[16];
            for (int i = 0; i < b.length; i++) {
                b[i] = Bucket.of(1, new Action.Output(2 + i % 3));
            }
            assertThat(sw.datapath.groupMod(GroupModCommand.ADD, GroupSpec.of(id, GroupType.SELECT, b)))
                    .isEqualTo(DatapathError.NONE);
        }
        ask(5, GenericStatsHandler.SELECT_CONNECTIONS, List.of());
        List<OFMessage> replies = WireClient.read(ctl);
        assertThat(replies).hasSizeGreaterThan(1);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            OFBsnGenericStatsReply r = (OFBsnGenericStatsReply) replies.get(i);
            assertThat(r.getXid()).isEqualTo(5);
            assertThat(r.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)).isEqualTo(i < replies.size() - 1);
            assertThat(wireLength(r)).isLessThanOrEqualTo(GenericStatsHandler.MAX_MESSAGE_BYTES);
            for (OFBsnGenericStatsEntry e : r.getEntries()) {
                assertThat(values(e)).hasSize(2 + 2 * 16);
                ids.add(values(e).get(0));
            }
        }
        assertThat(ids).containsExactlyElementsOf(idsUpTo(groups));
    }

    private static List<Long> idsUpTo(int n) {
        List<Long> out = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            out.add(i);
        }
        return out;
    }

    private static int wireLength(OFMessage m) {
        ByteBuf b = Unpooled.buffer();
        try {
            m.writeTo(b);
            return b.readableBytes();
        } finally {
            b.release();
        }
    }

    @Test
    void askingForSomeGroupIdsAnswersOnlyTheKnownSelectGroupsAmongThem() {
        for (int id : new int[] {4, 2}) {
            sw.datapath.groupMod(GroupModCommand.ADD, GroupSpec.of(id, GroupType.SELECT,
                    Bucket.of(1, new Action.Output(2))));
        }
        ask(6, GenericStatsHandler.SELECT_CONNECTIONS, List.of(F13.bsnTlvs().uint64List(
                List.of(U64.of(4), U64.of(3), U64.of(2)))));
        OFBsnGenericStatsReply reply = (OFBsnGenericStatsReply) WireClient.only(ctl);
        assertThat(reply.getEntries()).extracting(e -> values(e).get(0)).containsExactly(2L, 4L);
        assertThat(values(reply.getEntries().get(1))).containsExactly(4L, 1L, 0L, 0L);
    }

    @Test
    void anUnknownNameIsRefusedWithBadExperimenterTypeCountedAndTheSessionCarriesOn() {
        ask(8, "flowlb.no_such_thing", List.of());
        ask(9, "other", List.of());
        List<OFMessage> errors = WireClient.read(ctl);
        assertThat(errors).hasSize(2).allSatisfy(m -> {
            assertThat(m).isInstanceOf(OFBadRequestErrorMsg.class);
            assertThat(((OFBadRequestErrorMsg) m).getCode()).isEqualTo(OFBadRequestCode.BAD_EXPERIMENTER_TYPE);
        });
        assertThat(errors).extracting(OFMessage::getXid).containsExactly(8L, 9L);
        assertThat(sw.problems.count("openflow-unknown-generic-stats")).isEqualTo(2);

        ask(10, GenericStatsHandler.SELECT_CONNECTIONS, List.of());
        assertThat(WireClient.only(ctl)).isInstanceOf(OFBsnGenericStatsReply.class);
    }

    @Test
    void tlvsOtherThanOneListOfGroupIdsAreRefused() {
        ask(11, GenericStatsHandler.SELECT_CONNECTIONS, List.of(F13.bsnTlvs().uint64List(List.of()),
                F13.bsnTlvs().uint64List(List.of())));
        OFMessage m = WireClient.only(ctl);
        assertThat(m).isInstanceOf(OFBadRequestErrorMsg.class);
        assertThat(((OFBadRequestErrorMsg) m).getCode()).isEqualTo(OFBadRequestCode.EPERM);
        assertThat(sw.problems.count("openflow-bad-select-connections-tlvs")).isEqualTo(1);
    }
}
