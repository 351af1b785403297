package io.flowlb.loadbalancer.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Looking members up in a pool's weights, in id order (as built) and in any other order. */
class PoolWeightsTest {
    private static final PoolId POOL = PoolId.of("web");

    private static List<MemberWeight> members(int n) {
        List<MemberWeight> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new MemberWeight(MemberId.of(String.format("m%03d", i)), i % 3 + 1, 1, true, true));
        }
        return out;
    }

    @Test
    void findsEveryMemberAndItsShareWhateverTheOrder() {
        List<MemberWeight> ordered = members(100);
        List<MemberWeight> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(7));
        long total = ordered.stream().mapToLong(MemberWeight::weight).sum();
        for (PoolWeights w : List.of(new PoolWeights(POOL, ordered), new PoolWeights(POOL, shuffled))) {
            for (MemberWeight m : ordered) {
                assertThat(w.get(m.memberId())).isEqualTo(m);
                assertThat(w.share(m.memberId())).isEqualTo((double) m.weight() / total);
            }
            assertThat(w.get(MemberId.of("m100"))).isNull();
            assertThat(w.get(null)).isNull();
            assertThat(w.totalWeight()).isEqualTo(total);
        }
    }

    @Test
    void equalWeightsAreEqualValues() {
        assertThat(new PoolWeights(POOL, members(3))).isEqualTo(new PoolWeights(POOL, members(3)))
                .hasSameHashCodeAs(new PoolWeights(POOL, members(3)))
                .isNotEqualTo(new PoolWeights(POOL, members(2)));
    }
}
