package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.packet.FlowKey;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaglevTableBuilderTest {
    private static final long SEED = 0x5EED_0FF1_CE00L;

    @Test
    void acceptsOnlyPrimeSizes() {
        assertThat(new MaglevTableBuilder().size()).isEqualTo(65537);
        assertThat(new MaglevTableBuilder(251).size()).isEqualTo(251);
        assertThatThrownBy(() -> new MaglevTableBuilder(65536)).hasMessageContaining("prime");
        assertThatThrownBy(() -> new MaglevTableBuilder(1)).hasMessageContaining("prime");
        assertThat(MaglevTableBuilder.isPrime(655373)).isTrue();
        assertThat(MaglevTableBuilder.isPrime(65539 * 3)).isFalse();
    }

    @Test
    void removingOneOfTenEqualMembersMovesOnlyItsOwnFlows() {
        ServiceTable all = Flows.equal(1, 10, 1000).build(1);
        ServiceTable.Builder nine = ServiceTable.builder(1).vipV4(Flows.VIP, 6, 80);
        for (int i = 0; i < 10; i++) {
            if (i != 3) {
                nine.backend(1000 + i, 1, true, true);
            }
        }
        ServiceTable after = nine.build(2);
        long removed = 1003;
        int others = 0;
        int moved = 0;
        for (FlowKey k : Flows.tcp(1_000_000, 7)) {
            long h = k.hash(SEED);
            long before = all.backendKey(all.pick(h));
            long now = after.backendKey(after.pick(h));
            if (before != removed) {
                others++;
                if (now != before) {
                    moved++;
                }
            }
        }
        assertThat(others).isBetween(880_000, 920_000);
        assertThat(moved / (double) others).as("share of other members' flows moved").isLessThanOrEqualTo(0.01);
    }

    @Test
    void weightsOneTwoFourGiveSharesWithinTwoPercent() {
        ServiceTable svc = ServiceTable.builder(1).vipV4(Flows.VIP, 6, 80)
                .backend(11, 1, true, true).backend(22, 2, true, true).backend(44, 4, true, true).build(1);
        int[] hits = new int[3];
        for (FlowKey k : Flows.tcp(1_000_000, 3)) {
            hits[svc.pick(k.hash(SEED))]++;
        }
        assertThat(hits[0] / 1e6).isCloseTo(1 / 7.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(hits[1] / 1e6).isCloseTo(2 / 7.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(hits[2] / 1e6).isCloseTo(4 / 7.0, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void tableEntriesFollowWeightsToWithinAFewEntries() {
        int[] table = new MaglevTableBuilder(65537).build(new long[] {5, 6, 7, 8}, new int[] {1, 3, 0, 12}, 4);
        int[] owned = new int[4];
        for (int m : table) {
            owned[m]++;
        }
        assertThat(owned[2]).as("weight 0 is not in the table").isZero();
        assertThat(owned[0]).isCloseTo(65537 / 16, org.assertj.core.data.Offset.offset(2));
        assertThat(owned[1]).isCloseTo(65537 * 3 / 16, org.assertj.core.data.Offset.offset(4));
        assertThat(owned[0] + owned[1] + owned[3]).isEqualTo(65537);
    }

    @Test
    void theSameMembersGiveTheSameTableWhateverTheirOrder() {
        long[] keys = {101, 202, 303, 404, 505};
        int[] weights = {1, 2, 3, 4, 5};
        int[] a = new MaglevTableBuilder(4099).build(keys, weights, 5);
        long[] rkeys = {505, 404, 303, 202, 101};
        int[] rweights = {5, 4, 3, 2, 1};
        int[] b = new MaglevTableBuilder(4099).build(rkeys, rweights, 5);
        for (int i = 0; i < a.length; i++) {
            assertThat(rkeys[b[i]]).isEqualTo(keys[a[i]]);
        }
        // Every switch and controller must compute this very table: a change of this value changes
        // the backend of existing flows across an upgrade.
        assertThat(Arrays.hashCode(a)).isEqualTo(GOLDEN_4099);
    }

    private static final int GOLDEN_4099 = -1413466286;

    @Test
    void noWeightedMemberGivesAnEmptyTableAndBadInputIsRefused() {
        MaglevTableBuilder b = new MaglevTableBuilder(251);
        int[] t = b.build(new long[] {1, 2}, new int[] {0, 0}, 2);
        assertThat(t).containsOnly(MaglevTableBuilder.EMPTY);
        assertThatThrownBy(() -> b.build(new long[] {1, 1}, new int[] {1, 1}, 2)).hasMessageContaining("duplicate backend key 1");
        assertThatThrownBy(() -> b.build(new long[] {1, 2}, new int[] {1, -1}, 2)).hasMessageContaining("negative");
    }
}
