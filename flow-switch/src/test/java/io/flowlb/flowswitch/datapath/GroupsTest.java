package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.IP_A;
import static io.flowlb.flowswitch.datapath.Frames.IP_B;
import static io.flowlb.flowswitch.datapath.Frames.MAC_A;
import static io.flowlb.flowswitch.datapath.Frames.MAC_B;
import static io.flowlb.flowswitch.datapath.Frames.VIP;
import static io.flowlb.flowswitch.datapath.Frames.udp;
import static io.flowlb.flowswitch.datapath.Frames.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.Action.SetField;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowFlag;
import io.flowlb.flowswitch.datapath.spec.FlowRemovedReason;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.TcpFlags;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupsTest {
    private static final long BACKEND_MAC = 0x02_00_00_00_01_00L;

    private static FlowSpec toGroup(int groupId) {
        return FlowSpec.apply(0, 1, Match.ALL, new Action.Group(groupId));
    }

    /** Bucket i rewrites the destination MAC to the backend's and outputs to port 2 + i. */
    private static GroupSpec select(int id, int... weights) {
        Bucket[] b = new Bucket[weights.length];
        for (int i = 0; i < weights.length; i++) {
            b[i] = Bucket.of(weights[i], new SetField(MatchField.ETH_DST, BACKEND_MAC + i), new Output(2 + i));
        }
        return GroupSpec.of(id, GroupType.SELECT, b);
    }

    private static byte[] segment(int clientIp, int clientPort, int flags) {
        return FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(clientIp, VIP).tcp(clientPort, 80, 1, 1, flags).payload(10)
                .build();
    }

    /** The port a frame left by (exactly one expected). */
    private static int portOf(TestSwitch sw) {
        Map<Integer, Integer> where = sw.where();
        assertThat(where.values()).containsExactly(1);
        return where.keySet().iterator().next();
    }

    @Test
    void allGroupSendsACopyThroughEveryBucket() {
        TestSwitch sw = new TestSwitch(4);
        sw.addGroup(GroupSpec.of(1, GroupType.ALL, Bucket.of(0, new SetField(MatchField.ETH_DST, 0xaaL), new Output(2)),
                Bucket.of(0, new Output(3))));
        sw.add(FlowSpec.apply(0, 1, Match.ALL, new Action.Group(1), new Output(4)));
        byte[] in = udp(IP_A, IP_B, 1, 2);
        sw.receive(1, in);
        assertThat(view(sw.sent(2).get(0)).ethDst()).isEqualTo(0xaaL);
        assertThat(sw.sent(3)).containsExactly(in);
        assertThat(sw.sent(4)).containsExactly(in); // the group worked on copies
    }

    @Test
    void indirectGroupRunsItsBucket() {
        TestSwitch sw = new TestSwitch(3);
        sw.addGroup(GroupSpec.of(5, GroupType.INDIRECT, Bucket.of(0, new Output(3))));
        sw.add(toGroup(5));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(3, 1));
        assertThat(sw.datapath.groupMod(GroupModCommand.ADD, GroupSpec.of(6, GroupType.INDIRECT)))
                .isEqualTo(DatapathError.INVALID_GROUP);
    }

    @Test
    void fastFailoverSwitchesWhenTheWatchedPortGoesDownAndBack() {
        TestSwitch sw = new TestSwitch(3);
        sw.addGroup(GroupSpec.of(1, GroupType.FAST_FAILOVER, Bucket.watching(2, 0, new Output(2)),
                Bucket.watching(3, 0, new Output(3))));
        sw.add(toGroup(1));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1));
        sw.port(2).up = false;
        sw.housekeeping();
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(3, 1));
        sw.port(3).up = false;
        sw.housekeeping();
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).isEmpty();
        sw.port(2).up = true;
        sw.housekeeping();
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1));
    }

    @Test
    void selectSpreadsNewConnectionsByWeight() {
        TestSwitch sw = new TestSwitch(4);
        sw.addGroup(select(1, 1, 2, 3));
        sw.add(toGroup(1));
        Random rnd = new Random(42);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            sw.receive(1, segment(rnd.nextInt(), 1024 + rnd.nextInt(60000), TcpFlags.SYN));
            counts.merge(portOf(sw), 1, Integer::sum);
        }
        assertThat(counts.get(2)).isBetween(450, 550);
        assertThat(counts.get(3)).isBetween(900, 1100);
        assertThat(counts.get(4)).isBetween(1350, 1650);
    }

    @Test
    void weightChangeNeverMovesAnEstablishedConnection() {
        TestSwitch sw = new TestSwitch(4);
        sw.addGroup(select(1, 1, 1, 1));
        sw.add(toGroup(1));
        Map<Integer, Integer> before = new HashMap<>();
        for (int c = 0; c < 300; c++) {
            sw.receive(1, segment(IP_A + c, 5000 + c, TcpFlags.SYN));
            before.put(c, portOf(sw));
        }
        assertThat(before.values()).contains(2, 3, 4);
        assertThat(sw.datapath.groupMod(GroupModCommand.MODIFY, select(1, 0, 0, 5))).isEqualTo(DatapathError.NONE);
        for (int c = 0; c < 300; c++) {
            sw.receive(1, segment(IP_A + c, 5000 + c, TcpFlags.ACK));
            assertThat(portOf(sw)).as("connection %d", c).isEqualTo(before.get(c));
        }
        for (int c = 0; c < 50; c++) {
            sw.receive(1, segment(IP_B + 1000 + c, 7000 + c, TcpFlags.SYN));
            assertThat(portOf(sw)).isEqualTo(4);
        }
    }

    @Test
    void idleConnectionExpiresAndThenFollowsTheNewWeights() {
        TestSwitch sw = new TestSwitch(4);
        sw.addGroup(select(1, 1, 1, 1));
        sw.add(toGroup(1));
        int moved = 0;
        for (int c = 0; c < 30; c++) {
            sw.receive(1, segment(IP_A + c, 5000 + c, TcpFlags.SYN));
            moved += portOf(sw) == 4 ? 0 : 1;
        }
        assertThat(moved).isPositive();
        sw.datapath.groupMod(GroupModCommand.MODIFY, select(1, 0, 0, 1));
        assertThat(sw.counter("connections_size")).isEqualTo(30);
        sw.clock.advanceSeconds(31); // half-open connections idle out after 30 s
        sw.pipeline.doIdleWork(sw.clock.nanoTime(), 1 << 20);
        assertThat(sw.counter("connections_size")).isZero();
        for (int c = 0; c < 30; c++) {
            sw.receive(1, segment(IP_A + c, 5000 + c, TcpFlags.ACK));
            assertThat(portOf(sw)).isEqualTo(4);
        }
    }

    @Test
    void selectSkipsBucketsWhoseWatchPortIsDown() {
        TestSwitch sw = new TestSwitch(4);
        sw.addGroup(GroupSpec.of(1, GroupType.SELECT, Bucket.watching(2, 1, new Output(2)),
                Bucket.watching(3, 1, new Output(3))));
        sw.add(toGroup(1));
        sw.port(2).up = false;
        sw.housekeeping();
        for (int c = 0; c < 40; c++) {
            sw.receive(1, segment(IP_A + c, 6000 + c, TcpFlags.SYN));
            assertThat(portOf(sw)).isEqualTo(3);
        }
    }

    @Test
    void groupCountersCountPacketsPerBucket() {
        TestSwitch sw = new TestSwitch(3);
        sw.addGroup(GroupSpec.of(1, GroupType.ALL, Bucket.of(0, new Output(2)), Bucket.of(0, new Output(3))));
        sw.add(toGroup(1));
        byte[] in = udp(IP_A, IP_B, 1, 2);
        sw.receive(1, in);
        sw.receive(1, in);
        var stats = sw.datapath.groupStats(1).get(0);
        assertThat(stats.packets()).isEqualTo(2);
        assertThat(stats.bytes()).isEqualTo(2L * in.length);
        assertThat(stats.refCount()).isEqualTo(1);
        assertThat(stats.buckets()).extracting(GroupStats -> GroupStats.packets()).containsExactly(2L, 2L);
        assertThat(sw.datapath.groupDesc()).extracting(GroupSpec::groupId).containsExactly(1);
    }

    @Test
    void deletingAGroupRemovesTheFlowsThatUseIt() {
        TestSwitch sw = new TestSwitch(3);
        sw.addGroup(GroupSpec.of(1, GroupType.INDIRECT, Bucket.of(0, new Output(2))));
        sw.add(toGroup(1).withFlags(Set.of(FlowFlag.SEND_FLOW_REM)));
        sw.add(FlowSpec.apply(0, 0, Match.ALL, new Output(3)));
        assertThat(sw.datapath.groupMod(GroupModCommand.DELETE, GroupSpec.of(1, GroupType.INDIRECT)))
                .isEqualTo(DatapathError.NONE);
        assertThat(sw.removed).extracting(r -> r.reason()).containsExactly(FlowRemovedReason.GROUP_DELETE);
        assertThat(sw.datapath.flowStats(FlowStatsRequest.all())).hasSize(1);
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(3, 1));
    }

    @Test
    void groupModErrorsFollowOpenFlow() {
        TestSwitch sw = new TestSwitch(3);
        sw.addGroup(GroupSpec.of(1, GroupType.INDIRECT, Bucket.of(0, new Output(2))));
        assertThat(sw.datapath.groupMod(GroupModCommand.ADD, GroupSpec.of(1, GroupType.ALL)))
                .isEqualTo(DatapathError.GROUP_EXISTS);
        assertThat(sw.datapath.groupMod(GroupModCommand.MODIFY, GroupSpec.of(9, GroupType.ALL)))
                .isEqualTo(DatapathError.UNKNOWN_GROUP);
        sw.addGroup(GroupSpec.of(2, GroupType.INDIRECT, Bucket.of(0, new Action.Group(1))));
        assertThat(sw.datapath.groupMod(GroupModCommand.MODIFY,
                GroupSpec.of(1, GroupType.INDIRECT, Bucket.of(0, new Action.Group(2))))).isEqualTo(DatapathError.LOOP);
        assertThat(sw.datapath.groupMod(GroupModCommand.DELETE, GroupSpec.of(1, GroupType.ALL)))
                .isEqualTo(DatapathError.CHAINED_GROUP);
        assertThat(sw.datapath.groupMod(GroupModCommand.ADD, GroupSpec.of(3, GroupType.FAST_FAILOVER,
                Bucket.of(0, new Output(2))))).isEqualTo(DatapathError.BAD_WATCH);
        assertThat(sw.datapath.groupMod(GroupModCommand.ADD, GroupSpec.of(4, GroupType.ALL,
                Bucket.of(0, new Action.Group(77))))).isEqualTo(DatapathError.BAD_OUT_GROUP);
        assertThat(sw.datapath.groupMod(GroupModCommand.DELETE, GroupSpec.of(GroupSpec.ALL, GroupType.ALL)))
                .isEqualTo(DatapathError.NONE);
        assertThat(sw.datapath.groupDesc()).isEmpty();
    }

    @Test
    void chainedGroupsRunInnerBuckets() {
        TestSwitch sw = new TestSwitch(3);
        sw.addGroup(GroupSpec.of(1, GroupType.INDIRECT, Bucket.of(0, new Output(3))));
        sw.addGroup(GroupSpec.of(2, GroupType.ALL, Bucket.of(0, new Action.Group(1)), Bucket.of(0, new Output(2))));
        sw.add(toGroup(2));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).containsExactly(Map.entry(2, 1), Map.entry(3, 1));
    }
}
