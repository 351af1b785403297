package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.IP_A;
import static io.flowlb.flowswitch.datapath.Frames.IP_B;
import static io.flowlb.flowswitch.datapath.Frames.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.FlowFlag;
import io.flowlb.flowswitch.datapath.spec.FlowMod;
import io.flowlb.flowswitch.datapath.spec.FlowModCommand;
import io.flowlb.flowswitch.datapath.spec.FlowRemovedReason;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.FlowStatsRequest;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
    private static final FlowSpec FORWARD = FlowSpec.apply(0, 5, Match.ALL, new Output(2))
            .withFlags(Set.of(FlowFlag.SEND_FLOW_REM)).withCookie(0xc0ffee);

    @Test
    void hardTimeoutRemovesTheFlowEvenUnderTraffic() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FORWARD.withTimeouts(0, 5));
        for (int s = 0; s < 4; s++) {
            sw.receive(1, udp(IP_A, IP_B, 1, 2));
            sw.clock.advanceSeconds(1);
            sw.housekeeping();
        }
        assertThat(sw.removed).isEmpty();
        sw.clock.advanceSeconds(1);
        sw.housekeeping();
        assertThat(sw.removed).hasSize(1);
        var r = sw.removed.get(0);
        assertThat(r.reason()).isEqualTo(FlowRemovedReason.HARD_TIMEOUT);
        assertThat(r.packets()).isEqualTo(4);
        assertThat(r.spec().cookie()).isEqualTo(0xc0ffee);
        assertThat(r.durationNanos()).isEqualTo(5_000_000_000L);
        sw.where();
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        assertThat(sw.where()).isEmpty();
    }

    @Test
    void idleTimeoutCountsFromTheLastPacket() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FORWARD.withTimeouts(3, 0));
        sw.clock.advanceSeconds(2);
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.clock.advanceSeconds(2.5);
        sw.housekeeping();
        assertThat(sw.removed).isEmpty();
        assertThat(sw.where()).containsExactly(Map.entry(2, 1));
        sw.clock.advanceSeconds(0.6);
        sw.housekeeping();
        assertThat(sw.removed).extracting(r -> r.reason()).containsExactly(FlowRemovedReason.IDLE_TIMEOUT);
        assertThat(sw.datapath.flowStats(FlowStatsRequest.all())).isEmpty();
    }

    @Test
    void flowsWithoutSendFlowRemExpireSilently() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 5, Match.ALL, new Output(2)).withTimeouts(1, 0));
        sw.clock.advanceSeconds(1.2);
        sw.housekeeping();
        assertThat(sw.removed).isEmpty();
        assertThat(sw.datapath.flowStats(FlowStatsRequest.all())).isEmpty();
    }

    @Test
    void deleteReportsFlowRemovedWithCounters() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FORWARD);
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.clock.advanceSeconds(7);
        sw.datapath.flowMod(FlowMod.of(FlowModCommand.DELETE, FlowSpec.apply(FlowMod.ALL_TABLES, 0, Match.ALL)));
        assertThat(sw.removed).hasSize(1);
        assertThat(sw.removed.get(0).reason()).isEqualTo(FlowRemovedReason.DELETE);
        assertThat(sw.removed.get(0).packets()).isEqualTo(2);
        assertThat(sw.removed.get(0).durationNanos()).isEqualTo(7_000_000_000L);
    }

    @Test
    void aReplacedFlowStartsItsTimeoutsAgain() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FORWARD.withTimeouts(0, 2));
        sw.clock.advanceSeconds(1.5);
        sw.add(FORWARD.withTimeouts(0, 2));
        sw.clock.advanceSeconds(1.5);
        sw.housekeeping();
        assertThat(sw.removed).isEmpty();
        sw.clock.advanceSeconds(0.6);
        sw.housekeeping();
        assertThat(sw.removed).hasSize(1);
    }

    @Test
    void manyTimedFlowsExpireWithinTwoSecondsOfTicksEachTickCheckingAShare() {
        TestSwitch sw = new TestSwitch(2);
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            sw.datapath.stageFlowMod(FlowMod.add(FlowSpec.apply(0, 5, Match.of(MatchEntry.exact(MatchField.METADATA, i)),
                    new Output(2)).withTimeouts(0, 3).withFlags(Set.of(FlowFlag.SEND_FLOW_REM))));
        }
        sw.datapath.commit();
        sw.clock.advanceSeconds(3);
        int ticks = 0;
        int mostInOneTick = 0;
        while (sw.removed.size() < n && ticks < 40) {
            int before = sw.removed.size();
            sw.housekeeping();
            mostInOneTick = Math.max(mostInOneTick, sw.removed.size() - before);
            sw.clock.advanceSeconds(0.1);
            ticks++;
        }
        assertThat(sw.removed).hasSize(n);
        assertThat(ticks).as("expiry ticks (100 ms apart)").isLessThanOrEqualTo(20);
        assertThat(mostInOneTick).as("a tick checks a share, not every flow").isLessThanOrEqualTo(n / 10);
        assertThat(sw.datapath.flowStats(FlowStatsRequest.all())).isEmpty();
    }
}
