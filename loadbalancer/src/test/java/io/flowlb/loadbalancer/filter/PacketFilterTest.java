package io.flowlb.loadbalancer.filter;

import static io.flowlb.loadbalancer.filter.FilterWorld.CLIENT;
import static io.flowlb.loadbalancer.filter.FilterWorld.NAT4;
import static io.flowlb.loadbalancer.filter.FilterWorld.WEB4_POOL;
import static io.flowlb.loadbalancer.filter.FilterWorld.vipMac;
import static io.flowlb.loadbalancer.packet.TcpFlags.ACK;
import static io.flowlb.loadbalancer.packet.TcpFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.loadbalancer.filter.FilterWorld.Pkt;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.packet.Frames;
import io.flowlb.loadbalancer.packet.PacketView;
import io.flowlb.loadbalancer.select.ConfigTable;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.Timeouts;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PacketFilterTest {
    private static final long SEC = 1_000_000_000L;
    /** Frames sit at this offset of the ring memory, as in an AF_PACKET slot with headroom. */
    private static final long SLOT = 66;

    /** Every fixture through the fast path (where it applies) and through the general path alone. */
    static Stream<Arguments> rowsOnBothPaths() {
        return FilterFixtures.rows().flatMap(r -> Stream.of(Arguments.of(r, true), Arguments.of(r, false)));
    }

    @ParameterizedTest(name = "{0} (fast path: {1})")
    @MethodSource("rowsOnBothPaths")
    void filtersTheFixtureFrameIntoTheExpectedFrame(FilterRow row, boolean fastPath) {
        try (Arena arena = Arena.ofConfined(); ConnectionTable table = new ConnectionTable(1024, Timeouts.DEFAULTS, 7)) {
            ConfigTable config = new ConfigTable();
            if (row.before != null) {
                ServiceTables.publish(config, row.before, Map.of());
            } else {
                ServiceTables.publish(config, row.config, row.weights);
            }
            PacketFilter filter = new PacketFilter(config, table, row.settings, fastPath);
            MemorySegment ring = arena.allocate(2048, 64);
            MemorySegment reply = arena.allocate(row.replyRoom, 64);
            FilterResult out = new FilterResult(reply, 0);
            int[] expectedCounts = new int[FilterReason.COUNT];
            for (byte[] earlier : row.earlier) {
                int v = filter.filter(ring, SLOT, copy(earlier, ring), SEC, out);
                assertThat(Verdict.name(v)).as("a packet before the input").isEqualTo("forward");
                expectedCounts[out.reason()]++;
            }
            if (row.before != null) {
                ServiceTables.publish(config, row.config, row.weights);
            }

            int verdict = filter.filter(ring, SLOT, copy(row.input, ring), 2 * SEC, out);

            assertThat(Verdict.name(verdict)).isEqualTo(Verdict.name(row.verdict));
            assertThat(FilterReason.name(out.reason())).isEqualTo(FilterReason.name(row.reason));
            byte[] actual = verdict == Verdict.REPLY ? Frames.bytes(reply, 0, out.replyLength())
                    : Frames.bytes(ring, SLOT, row.input.length);
            assertThat(Frames.hex(actual)).isEqualTo(Frames.hex(row.expected));
            assertThat(Frames.checksumsValid(actual)).as("checksums by full recomputation").isTrue();
            if (verdict == Verdict.FORWARD) {
                assertThat(out.service()).isNotNull();
                assertThat(out.member()).isNotNegative();
            }
            expectedCounts[row.reason]++;
            assertThat(filter.counters().reason(row.reason)).isEqualTo(expectedCounts[row.reason]);
            assertThat(filter.counters().verdict(row.verdict)).isPositive();
        }
    }

    @Test
    void theFixtureTableCoversEveryVerdictAndEveryReason() {
        Set<Integer> verdicts = new HashSet<>();
        Set<Integer> reasons = new HashSet<>();
        Set<String> forwardKinds = new HashSet<>();
        FilterFixtures.rows().forEach(r -> {
            verdicts.add(r.verdict);
            reasons.add(r.reason);
            if (r.verdict == Verdict.FORWARD) {
                PacketView v = Frames.parsed(r.input);
                forwardKinds.add(v.ipVersion() + "/" + v.ipProtocol() + "/" + (r.name.startsWith("DSR") ? "dsr" : "nat"));
            }
        });
        assertThat(verdicts).hasSize(Verdict.COUNT);
        for (int reason = 0; reason < FilterReason.COUNT; reason++) {
            assertThat(reasons).as(FilterReason.name(reason)).contains(reason);
        }
        assertThat(forwardKinds).contains("4/6/nat", "6/6/nat", "4/17/nat", "6/17/nat", "4/1/nat", "6/58/nat",
                "4/6/dsr", "6/6/dsr", "4/17/dsr", "6/17/dsr", "4/1/dsr", "6/58/dsr", "4/50/dsr", "6/50/dsr");
    }

    @Test
    void answersInTheRequestsOwnSlot() {
        try (Arena arena = Arena.ofConfined(); ConnectionTable table = new ConnectionTable(16, Timeouts.DEFAULTS, 7)) {
            ConfigTable config = new ConfigTable();
            ServiceTables.publish(config, FilterWorld.config(), Map.of());
            PacketFilter filter = new PacketFilter(config, table, FilterSettings.DEFAULTS);
            MemorySegment ring = arena.allocate(2048, 64);
            FilterResult out = new FilterResult(ring, SLOT);
            int length = copy(FilterFixtures.arpRequest(CLIENT, NAT4), ring);
            assertThat(filter.filter(ring, SLOT, length, SEC, out)).isEqualTo(Verdict.REPLY);
            PacketView answer = Frames.parsed(Frames.bytes(ring, SLOT, out.replyLength()));
            assertThat(answer.arpOp()).isEqualTo(2);
            assertThat(answer.arpSha()).isEqualTo(vipMac(NAT4));
            assertThat(answer.arpSpa()).isEqualTo(NAT4.v4());
        }
    }

    @Test
    void consistentPolicyGivesAdoptedConnectionsTheirMemberAfterARestart() {
        LbConfig three = FilterWorld.config();
        for (int i = 2; i <= 3; i++) {
            three = three.withMember(Member.of(MemberId.of("web-" + i), WEB4_POOL, IpAddress.parse("203.0.113.1" + i), 8080)
                    .withMac(new MacAddress(0x0200_0000_0110L + i)));
        }
        ConfigTable config = new ConfigTable();
        ServiceTables.publish(config, three, Map.of());
        long[] before = destinations(config, SYN);
        long[] afterRestart = destinations(config, ACK);
        assertThat(afterRestart).isEqualTo(before);
        assertThat(new HashSet<>(List.of(box(before)))).as("spread over all three members").hasSize(3);
    }

    /** The destination MAC that 300 clients' packets with these flags get from a fresh filter (a restarted switch). */
    private static long[] destinations(ConfigTable config, int flags) {
        try (Arena arena = Arena.ofConfined(); ConnectionTable table = new ConnectionTable(1024, Timeouts.DEFAULTS, 99)) {
            PacketFilter filter = new PacketFilter(config, table, FilterSettings.DEFAULTS);
            MemorySegment ring = arena.allocate(2048, 64);
            FilterResult out = new FilterResult(arena.allocate(256), 0);
            long[] macs = new long[300];
            for (int i = 0; i < macs.length; i++) {
                Pkt p = Pkt.tcp(IpAddress.ofV4(CLIENT.v4() + i), NAT4, 80, flags);
                assertThat(filter.filter(ring, SLOT, copy(p.frame(), ring), SEC, out)).isEqualTo(Verdict.FORWARD);
                macs[i] = Frames.parsed(Frames.bytes(ring, SLOT, 64)).ethDst();
            }
            assertThat(filter.counters().reason(flags == SYN ? FilterReason.NEW_CONNECTION : FilterReason.ADOPTED))
                    .isEqualTo(macs.length);
            return macs;
        }
    }

    private static Long[] box(long[] values) {
        Long[] b = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = values[i];
        }
        return b;
    }

    private static int copy(byte[] frame, MemorySegment ring) {
        MemorySegment.copy(MemorySegment.ofArray(frame), 0, ring, SLOT, frame.length);
        return frame.length;
    }
}
