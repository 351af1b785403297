package io.flowlb.loadbalancer.table;

import io.flowlb.loadbalancer.packet.FlowKey;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.flowlb.loadbalancer.table.ConnectionTable.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTableBoundsTest {
    private static final long SEC = 1_000_000_000L;

    @Test
    void aFullTableOfEstablishedConnectionsRefusesAndCountsNewOnes() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            long bytes = t.memoryBytes();
            for (int i = 0; i < 100; i++) {
                assertThat(t.insert(TestKeys.tcp(i), 1, i, ConnState.TCP_ACK, 0)).isNotNegative();
            }
            assertThat(t.insert(TestKeys.tcp(100), 1, 100, ConnState.TCP_SYN, SEC)).isEqualTo(NOT_FOUND);
            FlowKey reply = TestKeys.tcp(102);
            reply.reverse();
            assertThat(t.insertPair(TestKeys.tcp(101), 1, reply, ConnectionTable.REPLY_ZONE, 101, ConnState.TCP_SYN, SEC))
                    .isEqualTo(NOT_FOUND);
            assertThat(t.counters().tableFull()).isEqualTo(2);
            assertThat(t.counters().evictions()).isZero();
            assertThat(t.size()).isEqualTo(100);
            assertThat(t.connections()).isEqualTo(100);
            assertThat(t.memoryBytes()).isEqualTo(bytes);
            for (int i = 0; i < 100; i++) {
                assertThat(t.find(TestKeys.tcp(i), 1)).as("established connection %d kept", i).isNotNegative();
            }
        }
    }

    @Test
    void aSynFloodReplacesHalfOpenEntriesButNeverEstablishedOnesOrMemory() {
        try (ConnectionTable t = new ConnectionTable(1000, Timeouts.DEFAULTS, 1)) {
            for (int i = 0; i < 500; i++) {
                t.insert(TestKeys.tcp(i), 1, i, ConnState.TCP_ACK, 0);
            }
            long bytes = t.memoryBytes();
            int recorded = 0;
            for (int i = 500; i < 200_000; i++) {
                if (t.insert(TestKeys.tcp(i), 1, i, ConnState.TCP_SYN, SEC) >= 0) {
                    recorded++;
                }
                assertThat(t.size()).isLessThanOrEqualTo(1000);
            }
            assertThat(t.memoryBytes()).isEqualTo(bytes);
            assertThat(t.counters().evictions()).isGreaterThan(100_000);
            assertThat(recorded + t.counters().tableFull()).isEqualTo(199_500);
            for (int i = 0; i < 500; i++) {
                assertThat(t.find(TestKeys.tcp(i), 1)).as("established connection %d kept", i).isNotNegative();
            }
        }
    }

    @Test
    void tenMillionEntriesFitInOneGibibyte() {
        long bytes = ConnectionTable.bytesFor(10_000_000);
        assertThat(bytes).isLessThanOrEqualTo(1L << 30);
        assertThat(bytes / 10_000_000.0).as("bytes per entry").isLessThan(90);
        try (ConnectionTable t = new ConnectionTable(100_000, Timeouts.DEFAULTS, 1)) {
            assertThat(t.memoryBytes()).isEqualTo(ConnectionTable.bytesFor(100_000));
        }
    }

    @Test
    void aLargeTableStartsWithEveryHugePageBackedSlotFree() {
        int entries = 300_000; // 25 MB: above the huge-page threshold
        assertThat(ConnectionTable.bytesFor(entries)).isGreaterThan(SlotMemory.HUGE_PAGE_THRESHOLD);
        try (ConnectionTable t = new ConnectionTable(entries, Timeouts.DEFAULTS, 1)) {
            AtomicLong seen = new AtomicLong();
            t.forEach(new FlowKey(), (k, zone, state, backend, last) -> seen.incrementAndGet());
            assertThat(seen.get()).isZero();
            for (int i = 0; i < entries; i++) {
                assertThat(t.insert(TestKeys.tcp(i), 1, i, ConnState.TCP_ACK, 0)).isNotNegative();
            }
            assertThat(t.backendKey(t.find(TestKeys.tcp(entries - 1), 1))).isEqualTo(entries - 1);
            assertThat(t.size()).isEqualTo(entries);
        }
    }

    @Test
    void anotherThreadCanSampleAndReadCountersWhileTheOwnerChurns() throws Exception {
        try (ConnectionTable t = new ConnectionTable(2000, Timeouts.DEFAULTS, 1)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong seen = new AtomicLong();
            Thread sampler = new Thread(() -> {
                FlowKey scratch = new FlowKey();
                try {
                    while (!stop.get()) {
                        t.forEach(scratch, (k, zone, state, backend, last) -> seen.incrementAndGet());
                        assertThat(t.size()).isBetween(0, 2000);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            sampler.start();
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < 1500; i++) {
                    t.insert(TestKeys.tcp(round * 1500 + i), 1, i, ConnState.TCP_SYN, round * SEC);
                }
                t.expire(round * SEC + 31 * SEC, t.slotCount());
                t.expire((round + 40) * SEC, t.slotCount());
            }
            stop.set(true);
            sampler.join();
            assertThat(failure.get()).isNull();
            assertThat(seen.get()).isPositive();
        }
    }

    @Test
    void samplerVisitsEachConnectionOnceAndSkipsReplyKeys() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            FlowKey reply = TestKeys.tcp(50);
            reply.reverse();
            t.insertPair(TestKeys.tcp(1), 4, reply, ConnectionTable.REPLY_ZONE, 11L, ConnState.TCP_SYN, 0);
            t.insert(TestKeys.tcp(2), 4, 12L, ConnState.TCP_SYN, 0);
            AtomicLong sum = new AtomicLong();
            AtomicLong count = new AtomicLong();
            t.forEach(new FlowKey(), (k, zone, state, backend, last) -> {
                assertThat(zone).isEqualTo(4);
                sum.addAndGet(backend);
                count.incrementAndGet();
            });
            assertThat(count.get()).isEqualTo(2);
            assertThat(sum.get()).isEqualTo(23L);
        }
    }
}
