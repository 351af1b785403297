package io.flowlb.loadbalancer.distribution;

import static io.flowlb.loadbalancer.distribution.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HysteresisTest {
    private final Hysteresis hysteresis = new Hysteresis(0.20, 0.005);

    /** Weights for members a, b, c... in order, all alive and accepting, base weight 1. */
    private static PoolWeights weights(int... w) {
        List<MemberWeight> out = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            out.add(new MemberWeight(id(String.valueOf((char) ('a' + i))), w[i], 1, true, true));
        }
        return new PoolWeights(Fixtures.POOL, out);
    }

    @Test
    void publishesTheFirstWeights() {
        assertThat(hysteresis.shouldPublish(null, weights(1, 1))).isTrue();
    }

    @Test
    void holdsWhenEveryShareMovesLessThanTheThreshold() {
        // Shares 0.5/0.5 -> 0.524/0.476: 4.8% relative.
        assertThat(hysteresis.shouldPublish(weights(1000, 1000), weights(1000, 910))).isFalse();
        assertThat(hysteresis.apply(weights(1000, 1000), weights(1000, 910))).isEqualTo(weights(1000, 1000));
    }

    @Test
    void publishesWhenOneShareMovesMoreThanTheThreshold() {
        // Shares 0.5/0.5 -> 0.625/0.375: 25% relative.
        assertThat(hysteresis.shouldPublish(weights(1000, 1000), weights(1000, 600))).isTrue();
    }

    @Test
    void comparesAgainstThePublishedWeightsSoADriftAddsUp() {
        PoolWeights published = weights(1000, 1000);
        PoolWeights drift = published;
        int steps = 0;
        for (int b = 1000; b >= 500; b -= 20) {
            PoolWeights candidate = weights(1000, b);
            PoolWeights next = hysteresis.apply(published, candidate);
            if (next != published) {
                drift = next;
                break;
            }
            steps++;
        }
        assertThat(drift).isNotSameAs(published);
        assertThat(steps).isBetween(5, 20);
    }

    @Test
    void publishesAnEligibilityChangeAtOnce() {
        PoolWeights before = weights(1000, 1000, 1000);
        List<MemberWeight> m = new ArrayList<>(before.members());
        m.set(2, MemberWeight.closed(id("c"), 1, true));
        assertThat(hysteresis.shouldPublish(before, new PoolWeights(Fixtures.POOL, m))).isTrue();
    }

    @Test
    void publishesABaseWeightChangeAtOnce() {
        PoolWeights before = weights(500, 500);
        PoolWeights after = new PoolWeights(Fixtures.POOL, List.of(
                new MemberWeight(id("a"), 500, 2, true, true), new MemberWeight(id("b"), 500, 1, true, true)));
        assertThat(hysteresis.shouldPublish(before, after)).isTrue();
    }

    @Test
    void publishesAMemberAddedOrRemoved() {
        assertThat(hysteresis.shouldPublish(weights(1, 1), weights(1, 1, 1))).isTrue();
        assertThat(hysteresis.shouldPublish(weights(1, 1, 1), weights(1, 1))).isTrue();
    }
}
