package io.flowlb.loadbalancer.table;

import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.table.TestKeys.Key;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.flowlb.loadbalancer.table.ConnectionTable.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTableExpiryTest {
    private static final long SEC = 1_000_000_000L;
    /** A start time near the wrap of a nanosecond clock: expiry must not care. */
    private static final long T0 = Long.MAX_VALUE - 100 * SEC;

    private static FlowKey key(int n, int protocol) {
        FlowKey k = TestKeys.tcp(n);
        k.protocol = protocol;
        return k;
    }

    @Test
    void eachStateExpiresAfterItsOwnIdleTimeout() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 5)) {
            FlowKey syn = key(1, ConnState.PROTO_TCP);
            FlowKey est = key(2, ConnState.PROTO_TCP);
            FlowKey closing = key(3, ConnState.PROTO_TCP);
            FlowKey udp = key(4, ConnState.PROTO_UDP);
            FlowKey esp = key(5, 50);
            t.insert(syn, 1, 1, ConnState.TCP_SYN, T0);
            t.insert(est, 1, 1, ConnState.TCP_ACK, T0);
            t.insert(closing, 1, 1, ConnState.TCP_FIN | ConnState.TCP_ACK, T0);
            t.insert(udp, 1, 1, 0, T0);
            t.insert(esp, 1, 1, 0, T0);
            int all = t.slotCount();

            assertThat(t.expire(T0 + 10 * SEC, all)).as("nothing is idle past its timeout yet").isZero();
            assertThat(t.expire(T0 + 10 * SEC + 1, all)).isEqualTo(1);
            assertThat(t.find(closing, 1)).isEqualTo(NOT_FOUND);
            assertThat(t.expire(T0 + 30 * SEC + 1, all)).isEqualTo(2);
            assertThat(t.find(syn, 1)).isEqualTo(NOT_FOUND);
            assertThat(t.find(udp, 1)).isEqualTo(NOT_FOUND);
            assertThat(t.expire(T0 + 60 * SEC + 1, all)).isEqualTo(1);
            assertThat(t.find(esp, 1)).isEqualTo(NOT_FOUND);
            assertThat(t.find(est, 1)).isNotNegative();
            assertThat(t.expire(T0 + 300 * SEC + 1, all)).isEqualTo(1);
            assertThat(t.size()).isZero();
            assertThat(t.connections()).isZero();
            assertThat(t.counters().expired()).isEqualTo(5);
        }
    }

    @Test
    void trafficKeepsAConnectionAliveAndTimeoutsAreConfigurable() {
        Timeouts fast = new Timeouts(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(3));
        try (ConnectionTable t = new ConnectionTable(10, fast, 5)) {
            FlowKey k = key(1, ConnState.PROTO_TCP);
            t.insert(k, 1, 1, ConnState.TCP_ACK, T0);
            for (long s = 4; s <= 40; s += 4) {
                assertThat(t.lookup(k, 1, T0 + s * SEC)).isNotNegative();
                assertThat(t.expire(T0 + s * SEC + 1, 100)).isZero();
            }
            assertThat(t.expire(T0 + 46 * SEC, 100)).isEqualTo(1);
        }
    }

    @Test
    void incrementalSweepRemovesExactlyTheExpiredEntriesWithinItsBudget() {
        SplittableRandom rnd = new SplittableRandom(77);
        try (ConnectionTable t = new ConnectionTable(3000, Timeouts.DEFAULTS, 3)) {
            Map<Key, Long> lastSeen = new HashMap<>();
            Map<Key, Key> replyOf = new HashMap<>();
            long now = T0 + 400 * SEC;
            for (int i = 0; i < 1200; i++) {
                FlowKey k = TestKeys.random(rnd);
                long seen = T0 + rnd.nextLong(400 * SEC);
                int flags = rnd.nextBoolean() ? ConnState.TCP_ACK : ConnState.TCP_SYN;
                if (rnd.nextInt(3) == 0) {
                    FlowKey reply = TestKeys.random(rnd);
                    assertThat(t.insertPair(k, 1, reply, ConnectionTable.REPLY_ZONE, i, flags, seen)).isNotNegative();
                    replyOf.put(Key.of(k, 1), Key.of(reply, ConnectionTable.REPLY_ZONE));
                } else {
                    assertThat(t.insert(k, 1, i, flags, seen)).isNotNegative();
                }
                lastSeen.put(Key.of(k, 1), seen);
            }
            Set<Key> expected = new HashSet<>();
            int expectedRemoved = 0;
            for (Map.Entry<Key, Long> e : lastSeen.entrySet()) {
                FlowKey k = e.getKey().flowKey();
                long timeout = switch (t.state(t.find(k, 1))) {
                    case ConnState.SYN_SEEN, ConnState.UDP -> 30 * SEC;
                    case ConnState.ESTABLISHED -> 300 * SEC;
                    default -> 60 * SEC;
                };
                if (now - e.getValue() > timeout) {
                    expectedRemoved++;
                } else {
                    expected.add(e.getKey());
                }
            }

            assertThat(t.expire(now, 0)).isZero();
            int removed = 0;
            long rounds = t.counters().sweepRounds();
            while (t.counters().sweepRounds() == rounds) {
                int r = t.expire(now, 7);
                assertThat(r).isLessThanOrEqualTo(7);
                removed += r;
            }
            assertThat(removed).isEqualTo(expectedRemoved);
            for (Key k : lastSeen.keySet()) {
                boolean kept = expected.contains(k);
                assertThat(t.find(k.flowKey(), 1) >= 0).as("%s kept", k).isEqualTo(kept);
                Key reply = replyOf.get(k);
                if (reply != null) {
                    assertThat(t.find(reply.flowKey(), reply.zone()) >= 0).as("reply of %s kept", k).isEqualTo(kept);
                }
            }
        }
    }
}
