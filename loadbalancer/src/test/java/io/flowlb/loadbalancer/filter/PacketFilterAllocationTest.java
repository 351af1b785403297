package io.flowlb.loadbalancer.filter;

import static io.flowlb.loadbalancer.filter.FilterWorld.CLIENT;
import static io.flowlb.loadbalancer.filter.FilterWorld.CLIENT6;
import static io.flowlb.loadbalancer.filter.FilterWorld.DSR4;
import static io.flowlb.loadbalancer.filter.FilterWorld.ELSEWHERE;
import static io.flowlb.loadbalancer.filter.FilterWorld.NAT4;
import static io.flowlb.loadbalancer.filter.FilterWorld.NAT6;
import static io.flowlb.loadbalancer.filter.FilterWorld.ROUTER_MAC;
import static io.flowlb.loadbalancer.filter.FilterWorld.WEB_A;
import static io.flowlb.loadbalancer.filter.FilterWorld.WEB_A_MAC;
import static io.flowlb.loadbalancer.packet.TcpFlags.ACK;
import static io.flowlb.loadbalancer.packet.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.filter.FilterWorld.Pkt;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.packet.IpProtocol;
import io.flowlb.loadbalancer.select.ConfigTable;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.Timeouts;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The per-packet path allocates nothing once warm, whatever the verdict. */
class PacketFilterAllocationTest {
    private static final long SEC = 1_000_000_000L;
    private static final int SLOT_BYTES = 128;
    private static final int FLOWS = 512;

    @Test
    void filteringAHundredThousandMixedFramesAllocatesNothing() {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < FLOWS; i++) {
            IpAddress client = IpAddress.ofV4(CLIENT.v4() + i);
            frames.add(Pkt.tcp(client, NAT4, 80, SYN).frame());
            frames.add(Pkt.tcp(client, NAT4, 80, ACK).frame());
            frames.add(new Pkt(ROUTER_MAC, WEB_A_MAC, WEB_A, client, IpProtocol.TCP, 8080, 40000, ACK).frame());
        }
        frames.add(Pkt.tcp(CLIENT6, NAT6, 80, SYN).frame());
        frames.add(Pkt.esp(CLIENT, DSR4).frame());
        frames.add(Pkt.udp(CLIENT, NAT4, 53).frame());
        frames.add(FilterFixtures.arpRequest(CLIENT, NAT4));
        frames.add(FilterFixtures.solicitation(NAT6));
        frames.add(Pkt.ping(CLIENT, NAT4).frame());
        frames.add(Pkt.tcp(CLIENT, NAT4, 81, SYN).frame());
        frames.add(Pkt.udp(CLIENT, NAT4, 54).frame());
        frames.add(Pkt.tcp(CLIENT, ELSEWHERE, 80, SYN).frame());
        frames.add(Arrays.copyOf(Pkt.tcp(CLIENT, NAT4, 80, ACK).frame(), 24));

        try (Arena arena = Arena.ofConfined(); ConnectionTable table = new ConnectionTable(4 * FLOWS, Timeouts.DEFAULTS, 3)) {
            MemorySegment pristine = arena.allocate((long) frames.size() * SLOT_BYTES, 64);
            int[] lengths = new int[frames.size()];
            for (int i = 0; i < lengths.length; i++) {
                byte[] f = frames.get(i);
                MemorySegment.copy(MemorySegment.ofArray(f), 0, pristine, (long) i * SLOT_BYTES, f.length);
                lengths[i] = f.length;
            }
            ConfigTable config = new ConfigTable();
            ServiceTables.publish(config, FilterWorld.config(), Map.of());
            PacketFilter filter = new PacketFilter(config, table, FilterSettings.DEFAULTS);
            MemorySegment ring = arena.allocate(SLOT_BYTES, 64);
            FilterResult out = new FilterResult(arena.allocate(256, 64), 0);

            long now = SEC;
            for (int round = 0; round < 200; round++) { // warm up every path, the expiry sweep included
                now = run(filter, pristine, lengths, ring, out, now);
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            long packets = 0;
            while (packets < 100_000) {
                now = run(filter, pristine, lengths, ring, out, now);
                packets += lengths.length;
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertThat(allocated).as("bytes allocated while filtering " + packets + " frames").isZero();
            for (int v = 0; v < Verdict.COUNT; v++) {
                assertThat(filter.counters().verdict(v)).as(Verdict.name(v)).isPositive();
            }
        }
    }

    /** Filters every frame once (restored from its pristine copy), then expires everything: the next round starts new connections. */
    private static long run(PacketFilter filter, MemorySegment pristine, int[] lengths, MemorySegment ring,
                            FilterResult out, long now) {
        for (int i = 0; i < lengths.length; i++) {
            MemorySegment.copy(pristine, (long) i * SLOT_BYTES, ring, 0, lengths[i]);
            filter.filter(ring, 0, lengths[i], now, out);
        }
        long later = now + 1000 * SEC;
        filter.table().expire(later, filter.table().slotCount());
        return later;
    }
}
