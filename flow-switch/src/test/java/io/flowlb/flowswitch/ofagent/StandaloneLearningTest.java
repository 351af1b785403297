package io.flowlb.flowswitch.ofagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowModCommand;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStats;
import io.flowlb.flowswitch.datapath.spec.Instruction;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PacketIn;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneLearningTest {
    private static final long A = 0x020000000001L;
    private static final long B = 0x020000000002L;
    private static final long BROADCAST = 0xffffffffffffL;

    private final RecordingDatapath dp = new RecordingDatapath();
    private final StandaloneLearning learning = new StandaloneLearning(dp);

    private static PacketIn miss(int inPort, long dst, long src) {
        byte[] f = new byte[60];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (dst >>> (40 - 8 * i));
            f[6 + i] = (byte) (src >>> (40 - 8 * i));
        }
        return new PacketIn(PacketInReason.NO_MATCH, 0, StandaloneLearning.COOKIE, inPort, 0, 60, f);
    }

    @SuppressWarnings("unchecked")
    private List<Action> actionsOfPacketOut(int i) {
        return (List<Action>) dp.packetOuts.get(i)[1];
    }

    @Test
    void installsATableMissToItselfWhenNoControllerIsConnected() {
        learning.controllersChanged(0);
        assertThat(learning.active()).isTrue();
        FlowSpec miss = dp.flowMods.get(0).spec();
        assertThat(miss.priority()).isZero();
        assertThat(miss.match().isEmpty()).isTrue();
        assertThat(miss.cookie()).isEqualTo(StandaloneLearning.COOKIE);
    }

    @Test
    void keepsAnExistingTableMissFlow() {
        dp.flows = List.of(new FlowStats(FlowSpec.apply(0, 0, Match.ALL, new Action.Output(3)), 0, 0, 0));
        learning.controllersChanged(0);
        assertThat(dp.flowMods).isEmpty();
    }

    @Test
    void floodsUnknownDestinationsAndForwardsLearnedOnes() {
        learning.controllersChanged(0);
        dp.flowMods.clear();
        learning.onPacketInWithoutController(miss(1, BROADCAST, A));
        assertThat(actionsOfPacketOut(0)).containsExactly(new Action.Output(PortNumbers.FLOOD));
        assertThat(dp.flowMods).isEmpty();

        learning.onPacketInWithoutController(miss(2, A, B));
        assertThat(actionsOfPacketOut(1)).containsExactly(new Action.Output(1));
        FlowSpec learned = dp.flowMods.get(0).spec();
        assertThat(learned.match().exactValue(MatchField.ETH_DST)).isEqualTo(A);
        assertThat(learned.match().exactValue(MatchField.ETH_SRC)).isEqualTo(B);
        assertThat(learned.match().exactValue(MatchField.IN_PORT)).isEqualTo(2);
        assertThat(learned.instructions()).containsExactly(new Instruction.ApplyActions(List.of(new Action.Output(1))));
        assertThat(learned.idleTimeout()).isEqualTo(StandaloneLearning.IDLE_TIMEOUT_S);
        assertThat(learned.cookie()).isEqualTo(StandaloneLearning.COOKIE);
    }

    @Test
    void stepsBackAndRemovesItsFlowsWhenAControllerConnects() {
        learning.controllersChanged(0);
        learning.controllersChanged(1);
        assertThat(learning.active()).isFalse();
        FlowMod delete = dp.flowMods.get(dp.flowMods.size() - 1);
        assertThat(delete.command()).isEqualTo(FlowModCommand.DELETE);
        assertThat(delete.spec().cookie()).isEqualTo(StandaloneLearning.COOKIE);
        assertThat(delete.cookieMask()).isEqualTo(-1L);
        assertThat(delete.spec().tableId()).isEqualTo(FlowMod.ALL_TABLES);
        learning.onPacketInWithoutController(miss(1, BROADCAST, A));
        assertThat(dp.packetOuts).isEmpty();
    }

    @Test
    void ignoresPacketInsThatAreNotTableMisses() {
        learning.controllersChanged(0);
        learning.onPacketInWithoutController(new PacketIn(PacketInReason.ACTION, 0, 5, 1, 0, 60, new byte[60]));
        assertThat(dp.packetOuts).isEmpty();
    }
}
