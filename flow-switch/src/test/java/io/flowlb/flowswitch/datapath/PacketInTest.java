package io.flowlb.flowswitch.datapath;

import static io.flowlb.flowswitch.datapath.Frames.IP_A;
import static io.flowlb.flowswitch.datapath.Frames.IP_B;
import static io.flowlb.flowswitch.datapath.Frames.udp;
import static io.flowlb.flowswitch.datapath.spec.MatchEntry.exact;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.apps.StandardApps;
import io.flowlb.flowswitch.datapath.spec.Action.Output;
import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.flowswitch.datapath.spec.FlowSpec;
import io.flowlb.flowswitch.datapath.spec.Match;
import io.flowlb.flowswitch.datapath.spec.MatchField;
import io.flowlb.flowswitch.datapath.spec.PacketInReason;
import io.flowlb.flowswitch.datapath.spec.PortDesc;
import io.flowlb.flowswitch.datapath.spec.PortNumbers;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacketInTest {
    private static final FlowSpec TABLE_MISS = FlowSpec.apply(0, 0, Match.ALL,
            new Output(PortNumbers.CONTROLLER, PortNumbers.CONTROLLER_MAX_LEN_NO_BUFFER));

    private static TestSwitch smallRing(int ring, int rate, int burst) {
        return new TestSwitch(DatapathConfig.defaults(1, StandardApps.all()).withConnectionsPerPoller(1024)
                .withPacketIn(ring, rate, burst), 2);
    }

    @Test
    void tableMissFlowSendsTheWholeFrameAsNoMatch() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(TABLE_MISS);
        byte[] frame = udp(IP_A, IP_B, 1, 2);
        sw.receive(2, frame);
        sw.housekeeping();
        assertThat(sw.packetIns).hasSize(1);
        var pi = sw.packetIns.get(0);
        assertThat(pi.reason()).isEqualTo(PacketInReason.NO_MATCH);
        assertThat(pi.inPort()).isEqualTo(2);
        assertThat(pi.tableId()).isEqualTo(0);
        assertThat(pi.totalLength()).isEqualTo(frame.length);
        assertThat(pi.data()).isEqualTo(frame);
    }

    @Test
    void controllerActionCutsAtMaxLenAndCarriesTheFlowCookie() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(FlowSpec.apply(0, 9, Match.of(exact(MatchField.ETH_TYPE, 0x0800)),
                new Output(PortNumbers.CONTROLLER, 40), new Output(2)).withCookie(77));
        byte[] frame = udp(IP_A, IP_B, 1, 2);
        sw.receive(1, frame);
        sw.housekeeping();
        var pi = sw.packetIns.get(0);
        assertThat(pi.reason()).isEqualTo(PacketInReason.ACTION);
        assertThat(pi.cookie()).isEqualTo(77);
        assertThat(pi.data()).hasSize(40);
        assertThat(pi.totalLength()).isEqualTo(frame.length);
        assertThat(sw.sent(2)).hasSize(1);
    }

    @Test
    void fullRingDropsAndCountsWithoutBlocking() {
        TestSwitch sw = smallRing(4, 1_000_000, 1_000_000);
        sw.add(TABLE_MISS);
        for (int i = 0; i < 10; i++) {
            sw.receive(1, udp(IP_A, IP_B, 1, i));
        }
        sw.housekeeping();
        assertThat(sw.packetIns).hasSize(4);
        assertThat(sw.counter("packet_in_ring_full")).isEqualTo(6);
        sw.receive(1, udp(IP_A, IP_B, 1, 99));
        sw.housekeeping();
        assertThat(sw.packetIns).hasSize(5);
    }

    @Test
    void floodOfMissesIsRateLimited() {
        TestSwitch sw = smallRing(1024, 10, 5);
        sw.add(TABLE_MISS);
        for (int i = 0; i < 20; i++) {
            sw.receive(1, udp(IP_A, IP_B, 1, i));
        }
        sw.housekeeping();
        assertThat(sw.packetIns).hasSize(5);
        assertThat(sw.counter("packet_in_rate_limited")).isEqualTo(15);
        sw.clock.advanceSeconds(0.3);
        for (int i = 0; i < 20; i++) {
            sw.receive(1, udp(IP_A, IP_B, 1, i));
        }
        sw.housekeeping();
        assertThat(sw.packetIns).hasSize(8);
    }

    @Test
    void wakeupRunsOnceUntilTheAgentDrains() {
        TestSwitch sw = new TestSwitch(2);
        AtomicInteger wakeups = new AtomicInteger();
        sw.datapath.setWakeup(wakeups::incrementAndGet);
        sw.add(TABLE_MISS);
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.receive(1, udp(IP_A, IP_B, 1, 3));
        assertThat(wakeups.get()).isEqualTo(1);
        sw.housekeeping();
        sw.receive(1, udp(IP_A, IP_B, 1, 4));
        assertThat(wakeups.get()).isEqualTo(2);
    }

    @Test
    void portConfiguredNoPacketInSendsNone() {
        TestSwitch sw = new TestSwitch(2);
        sw.add(TABLE_MISS);
        assertThat(sw.datapath.portMod(1, PortDesc.CONFIG_NO_PACKET_IN, PortDesc.CONFIG_NO_PACKET_IN))
                .isEqualTo(DatapathError.NONE);
        sw.receive(1, udp(IP_A, IP_B, 1, 2));
        sw.receive(2, udp(IP_A, IP_B, 1, 2));
        sw.housekeeping();
        assertThat(sw.packetIns).extracting(p -> p.inPort()).containsExactly(2);
    }

    @Test
    void packetOutToControllerComesBackAsPacketIn() {
        TestSwitch sw = new TestSwitch(2);
        byte[] frame = udp(IP_A, IP_B, 1, 2);
        sw.datapath.packetOut(PortNumbers.CONTROLLER, List.of(new Output(PortNumbers.CONTROLLER)), frame);
        sw.housekeeping();
        assertThat(sw.packetIns).hasSize(1);
        assertThat(sw.packetIns.get(0).data()).isEqualTo(frame);
    }
}
