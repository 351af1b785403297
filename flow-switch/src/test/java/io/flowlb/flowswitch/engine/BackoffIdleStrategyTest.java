package io.flowlb.flowswitch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffIdleStrategyTest {
    private final List<Long> parks = new ArrayList<>();
    private int yields;
    private final BackoffIdleStrategy strategy =
            new BackoffIdleStrategy(3, 2, 1_000, 8_000, parks::add, () -> yields++);

    private void idle(int times) {
        for (int i = 0; i < times; i++) {
            strategy.idle(0);
        }
    }

    @Test
    void spinsThenYieldsThenParksForAGrowingTimeUpToTheMaximum() {
        idle(3);
        assertThat(yields).isZero();
        assertThat(parks).isEmpty();

        idle(2);
        assertThat(yields).isEqualTo(2);
        assertThat(parks).isEmpty();

        idle(6);
        assertThat(parks).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 8_000L, 8_000L);
    }

    @Test
    void startsOverFromSpinningOnceThereIsWork() {
        idle(7);
        assertThat(parks).containsExactly(1_000L, 2_000L);

        strategy.idle(5);
        idle(5);
        assertThat(parks).hasSize(2);
        idle(1);
        assertThat(parks).containsExactly(1_000L, 2_000L, 1_000L);
    }
}
