package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.MAC_A;
import static io.flowlb.flowswitch.datapath.Frames.MAC_B;
import static io.flowlb.flowswitch.datapath.Frames.VIP;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.Action.SetField;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.GroupModCommand;
import io.flowlb.flowswitch.datapath.spec.GroupSpec;
import io.flowlb.flowswitch.datapath.spec.GroupType;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.SelectConnections;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.TcpFlags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connections per SELECT bucket as {@link Datapath#selectConnections} reports them. */
class SelectConnectionsTest {
    private static final long BACKEND_MAC = 0x02_00_00_00_01_00L;

    private final TestSwitch sw = new TestSwitch(5);

    /** Bucket i rewrites the destination MAC to backend i's and outputs to port 2 + i. */
    private static Bucket backend(int i, int weight) {
        return Bucket.of(weight, new SetField(MatchField.ETH_DST, BACKEND_MAC + i), new Output(2 + i));
    }

    private static byte[] syn(int client, int clientPort) {
        return FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(client, VIP).tcp(clientPort, 80, 1, 0, TcpFlags.SYN).build();
    }

    private static byte[] ack(int client, int clientPort) {
        return FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(client, VIP).tcp(clientPort, 80, 2, 1, TcpFlags.ACK).build();
    }

    private static byte[] fin(int client, int clientPort) {
        return FrameBuilder.ethernet(MAC_B, MAC_A).ipv4(client, VIP).tcp(clientPort, 80, 2, 1, TcpFlags.FIN | TcpFlags.ACK)
                .build();
    }

    /** {@code n} new established connections from distinct clients; how many left by port 2, 3, 4. */
    private long[] connect(int n, int firstClient) {
        long[] perBucket = open(n, firstClient);
        for (int i = 0; i < n; i++) {
            sw.receive(1, ack(firstClient + i, 40_000 + i));
        }
        sw.where();
        return perBucket;
    }

    /** {@code n} new half-open connections (a SYN each); how many left by port 2, 3, 4. */
    private long[] open(int n, int firstClient) {
        long[] perBucket = new long[3];
        for (int i = 0; i < n; i++) {
            sw.receive(1, syn(firstClient + i, 40_000 + i));
            for (Map.Entry<Integer, Integer> e : sw.where().entrySet()) {
                perBucket[e.getKey() - 2] += e.getValue();
            }
        }
        return perBucket;
    }

    private SelectConnections only(long... groupIds) {
        List<SelectConnections> all = sw.datapath.selectConnections(groupIds.length == 0 ? null : groupIds).run();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private void selectGroup(int id, Bucket... buckets) {
        sw.addGroup(GroupSpec.of(id, GroupType.SELECT, buckets));
    }

    @Test
    void countsActiveAndPlacedConnectionsPerBucketOfNewConnections() {
        selectGroup(1, backend(0, 1), backend(1, 1), backend(2, 1));
        sw.add(FlowSpec.apply(0, 1, Match.ALL, new Action.Group(1)));
        long[] served = connect(90, 0x0b00_0001);
        assertThat(served).doesNotContain(0L);

        SelectConnections g = only();
        assertThat(g.groupId()).isEqualTo(1);
        assertThat(g.active()).containsExactly(served);
        assertThat(g.total()).containsExactly(served);

        // Later packets of the same connections hit their entries: nothing new is placed.
        for (int i = 0; i < 90; i++) {
            sw.receive(1, ack(0x0b00_0001 + i, 40_000 + i));
        }
        assertThat(only().total()).containsExactly(served);
        assertThat(only().active()).containsExactly(served);
    }

    @Test
    void placedConnectionsSurviveAWeightChangeAndRestartForABucketWhoseActionsChange() {
        selectGroup(1, backend(0, 1), backend(1, 1), backend(2, 1));
        sw.add(FlowSpec.apply(0, 1, Match.ALL, new Action.Group(1)));
        long[] served = connect(60, 0x0b00_0001);

        assertThat(sw.datapath.groupMod(GroupModCommand.MODIFY, GroupSpec.of(1, GroupType.SELECT, backend(0, 5),
                backend(1, 1), backend(2, 2)))).isEqualTo(DatapathError.NONE);
        assertThat(only().total()).as("weights only: every bucket keeps its count").containsExactly(served);
        assertThat(only().active()).containsExactly(served);

        // Bucket 1 now sends elsewhere (port 5): a new backend, counted from zero; bucket order changes too.
        Bucket moved = Bucket.of(1, new SetField(MatchField.ETH_DST, BACKEND_MAC + 9), new Output(5));
        assertThat(sw.datapath.groupMod(GroupModCommand.MODIFY, GroupSpec.of(1, GroupType.SELECT, backend(2, 1),
                moved, backend(0, 1)))).isEqualTo(DatapathError.NONE);
        SelectConnections after = only();
        assertThat(after.total()).containsExactly(served[2], 0, served[0]);
        assertThat(after.active()).containsExactly(served[2], 0, served[0]);
    }

    @Test
    void expiredConnectionsAreNoLongerActiveButStayCounted() {
        selectGroup(1, backend(0, 1), backend(1, 1), backend(2, 1));
        sw.add(FlowSpec.apply(0, 1, Match.ALL, new Action.Group(1)));
        long[] served = connect(30, 0x0b00_0001);
        sw.clock.advanceSeconds(200);
        long[] later = connect(12, 0x0c00_0001);

        // Established entries expire after 300 s idle: the first 30 have, the 12 later ones have not.
        sw.clock.advanceSeconds(150);
        SelectConnections g = only();
        assertThat(g.active()).containsExactly(later);
        assertThat(g.total()).containsExactly(served[0] + later[0], served[1] + later[1], served[2] + later[2]);
    }

    @Test
    void halfOpenAndClosingConnectionsArePlacedButNotActive() {
        selectGroup(1, backend(0, 1), backend(1, 1), backend(2, 1));
        sw.add(FlowSpec.apply(0, 1, Match.ALL, new Action.Group(1)));
        long[] halfOpen = open(30, 0x0b00_0001);
        long[] established = connect(40, 0x0c00_0001);
        assertThat(only().active()).as("SYNs without their ACK are not active").containsExactly(established);

        for (int i = 0; i < 40; i++) {
            sw.receive(1, fin(0x0c00_0001 + i, 40_000 + i));
        }
        sw.where();
        SelectConnections g = only();
        assertThat(g.active()).as("closing connections are not active").containsExactly(0, 0, 0);
        assertThat(g.total()).containsExactly(halfOpen[0] + established[0], halfOpen[1] + established[1],
                halfOpen[2] + established[2]);
    }

    @Test
    void reportsTheSelectGroupsAskedForSortedByIdAndSkipsOthers() {
        selectGroup(7, backend(0, 1));
        selectGroup(3, backend(0, 1), backend(1, 1));
        sw.addGroup(GroupSpec.of(5, GroupType.INDIRECT, Bucket.of(0, new Output(2))));
        sw.addGroup(GroupSpec.of(0xffff_ff00, GroupType.SELECT, backend(2, 1)));

        assertThat(sw.datapath.selectConnections(null).run()).extracting(SelectConnections::groupId)
                .containsExactly(3, 7, 0xffff_ff00);
        assertThat(sw.datapath.selectConnections(new long[] {7, 5, 99, 0xffff_ff00L}).run())
                .extracting(SelectConnections::groupId).containsExactly(7, 0xffff_ff00);
        assertThat(only(3).active()).containsExactly(0, 0);
    }
}
