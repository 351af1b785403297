package io.flowlb.controller.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.distribution.Health;
import org.junit.jupiter.api.Test;

class RiseFallTest {
    private static final ProbeResult OK = ProbeResult.ok("", 1);
    private static final ProbeResult REFUSED = ProbeResult.failed(ProbeResult.Outcome.REFUSED, "", 0);
    private static final ProbeResult UNAVAILABLE = ProbeResult.failed(ProbeResult.Outcome.UNAVAILABLE, "", 0);

    private static RiseFall run(RiseFall s, int rise, int fall, ProbeResult... results) {
        for (ProbeResult r : results) {
            s = s.next(r, rise, fall);
        }
        return s;
    }

    @Test
    void memberStartsUnknownWhichCountsAsAliveUntilAFullRunDecides() {
        assertThat(RiseFall.INITIAL.health()).isEqualTo(Health.UNKNOWN);
        assertThat(run(RiseFall.INITIAL, 2, 3, OK).health()).isEqualTo(Health.UNKNOWN);
        assertThat(run(RiseFall.INITIAL, 2, 3, OK, OK).health()).isEqualTo(Health.UP);
        assertThat(run(RiseFall.INITIAL, 2, 3, REFUSED, REFUSED).health()).isEqualTo(Health.UNKNOWN);
        assertThat(run(RiseFall.INITIAL, 2, 3, REFUSED, REFUSED, REFUSED).health()).isEqualTo(Health.DOWN);
    }

    @Test
    void upMemberGoesDownOnlyAfterFallConsecutiveFailures() {
        RiseFall up = run(RiseFall.INITIAL, 2, 2, OK, OK);
        assertThat(run(up, 2, 2, REFUSED).health()).isEqualTo(Health.UP);
        assertThat(run(up, 2, 2, REFUSED, OK, REFUSED).health()).isEqualTo(Health.UP);
        assertThat(run(up, 2, 2, REFUSED, REFUSED).health()).isEqualTo(Health.DOWN);
    }

    @Test
    void downMemberComesBackAfterRiseConsecutiveSuccesses() {
        RiseFall down = run(RiseFall.INITIAL, 3, 1, REFUSED);
        assertThat(down.health()).isEqualTo(Health.DOWN);
        assertThat(run(down, 3, 1, OK, OK).health()).isEqualTo(Health.DOWN);
        assertThat(run(down, 3, 1, OK, OK, REFUSED, OK, OK).health()).isEqualTo(Health.DOWN);
        assertThat(run(down, 3, 1, OK, OK, OK).health()).isEqualTo(Health.UP);
    }

    @Test
    void probeThatCouldNotRunLeavesTheVerdictAndTheRunAlone() {
        RiseFall up = run(RiseFall.INITIAL, 1, 2, OK, REFUSED);
        assertThat(run(up, 1, 2, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE)).isEqualTo(up);
        assertThat(run(up, 1, 2, UNAVAILABLE, REFUSED).health()).isEqualTo(Health.DOWN);
    }
}
