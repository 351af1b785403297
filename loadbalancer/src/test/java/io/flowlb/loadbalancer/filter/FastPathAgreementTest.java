package io.flowlb.loadbalancer.filter;

import static io.flowlb.loadbalancer.filter.FilterWorld.CLIENT;
import static io.flowlb.loadbalancer.filter.FilterWorld.DSR4;
import static io.flowlb.loadbalancer.filter.FilterWorld.ELSEWHERE;
import static io.flowlb.loadbalancer.filter.FilterWorld.EMPTY4;
import static io.flowlb.loadbalancer.filter.FilterWorld.NAT4;
import static io.flowlb.loadbalancer.filter.FilterWorld.NOMAC4;
import static io.flowlb.loadbalancer.filter.FilterWorld.ROUTER_MAC;
import static io.flowlb.loadbalancer.filter.FilterWorld.STRICT4;
import static io.flowlb.loadbalancer.filter.FilterWorld.WEB_A;
import static io.flowlb.loadbalancer.filter.FilterWorld.WEB_A_MAC;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.filter.FilterWorld.Pkt;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.packet.FrameBuilder;
import io.flowlb.loadbalancer.packet.Frames;
import io.flowlb.loadbalancer.packet.IpProtocol;
import io.flowlb.loadbalancer.select.ConfigTable;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.Timeouts;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The fast path for IPv4 TCP/UDP frames must be invisible: on random traffic (sound and broken
 * frames, every kind of VIP, new and known connections, replies) a filter with it and one without
 * give the same verdicts, reasons, rewritten frames and answers.
 */
class FastPathAgreementTest {
    private static final List<IpAddress> DESTINATIONS = List.of(NAT4, DSR4, STRICT4, EMPTY4, NOMAC4, ELSEWHERE);
    private static final int[] PORTS = {80, 53, 81, 443};

    @Test
    void theFastPathAgreesWithTheGeneralPathOnRandomIpv4Traffic() {
        SplittableRandom rnd = new SplittableRandom(77);
        try (Arena arena = Arena.ofConfined();
             ConnectionTable fastTable = new ConnectionTable(4096, Timeouts.DEFAULTS, 5);
             ConnectionTable slowTable = new ConnectionTable(4096, Timeouts.DEFAULTS, 5)) {
            ConfigTable config = new ConfigTable();
            ServiceTables.publish(config, FilterWorld.config(), Map.of());
            PacketFilter fast = new PacketFilter(config, fastTable, FilterSettings.DEFAULTS, true);
            PacketFilter slow = new PacketFilter(config, slowTable, FilterSettings.DEFAULTS, false);
            MemorySegment a = arena.allocate(2048, 64);
            MemorySegment b = arena.allocate(2048, 64);
            FilterResult outA = new FilterResult(arena.allocate(256), 0);
            FilterResult outB = new FilterResult(arena.allocate(256), 0);
            int forwarded = 0;
            for (int i = 0; i < 20_000; i++) {
                byte[] frame = randomFrame(rnd);
                MemorySegment.copy(MemorySegment.ofArray(frame), 0, a, 64, frame.length);
                MemorySegment.copy(MemorySegment.ofArray(frame), 0, b, 64, frame.length);
                int va = fast.filter(a, 64, frame.length, i, outA);
                int vb = slow.filter(b, 64, frame.length, i, outB);
                String what = "frame " + i + " " + Frames.hex(frame);
                assertThat(outA.toString()).as(what).isEqualTo(outB.toString());
                assertThat(va).isEqualTo(vb);
                assertThat(Frames.hex(Frames.bytes(a, 64, frame.length))).as(what)
                        .isEqualTo(Frames.hex(Frames.bytes(b, 64, frame.length)));
                assertThat(Frames.hex(Frames.bytes(outA.replyBuffer(), 0, outA.replyLength())))
                        .isEqualTo(Frames.hex(Frames.bytes(outB.replyBuffer(), 0, outB.replyLength())));
                forwarded += va == Verdict.FORWARD ? 1 : 0;
            }
            assertThat(forwarded).as("forwarded frames").isGreaterThan(3_000);
            assertThat(fastTable.size()).isEqualTo(slowTable.size());
        }
    }

    private static byte[] randomFrame(SplittableRandom rnd) {
        IpAddress client = IpAddress.ofV4(CLIENT.v4() + rnd.nextInt(64));
        Pkt p = rnd.nextInt(8) == 0
                ? new Pkt(ROUTER_MAC, WEB_A_MAC, WEB_A, client, IpProtocol.TCP, 8080, 40000, rnd.nextInt(256))
                : rnd.nextBoolean()
                ? Pkt.tcp(client, DESTINATIONS.get(rnd.nextInt(DESTINATIONS.size())), PORTS[rnd.nextInt(4)], rnd.nextInt(256))
                : Pkt.udp(client, DESTINATIONS.get(rnd.nextInt(DESTINATIONS.size())), PORTS[rnd.nextInt(4)]);
        FrameBuilder b = p.builder();
        switch (rnd.nextInt(12)) {
            case 0 -> b.vlan(7, 0);
            case 1 -> b.ipv4Options(Frames.nops(4));
            case 2 -> b.fragment(0, true);
            case 3 -> b.noUdpChecksum();
            case 4 -> b.ipLengthField(20 + rnd.nextInt(40));
            case 5 -> b.ihlField(4 + rnd.nextInt(3));
            case 6 -> b.dontFragment();
            default -> { }
        }
        byte[] frame = b.build();
        if (rnd.nextInt(10) == 0) {
            frame = Arrays.copyOf(frame, 40 + rnd.nextInt(frame.length - 39));
        }
        if (frame.length > 46 && rnd.nextInt(10) == 0) {
            frame[46] = (byte) rnd.nextInt(256); // TCP data offset / UDP payload
        }
        return frame;
    }
}
