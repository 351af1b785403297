package io.flowlb.loadbalancer.table;

import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.table.TestKeys.Key;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.flowlb.loadbalancer.table.ConnectionTable.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTableTest {
    private static final long SEC = 1_000_000_000L;

    @Test
    void findsAnInsertedConnectionAndRefreshesItsLastSeenTime() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            FlowKey k = TestKeys.tcp(7);
            int slot = t.insert(k, 3, 42L, ConnState.TCP_SYN, 10 * SEC);
            assertThat(slot).isNotNegative();
            assertThat(t.size()).isEqualTo(1);

            int found = t.lookup(k, 3, 12 * SEC);
            assertThat(found).isEqualTo(slot);
            assertThat(t.backendKey(found)).isEqualTo(42L);
            assertThat(t.state(found)).isEqualTo(ConnState.SYN_SEEN);
            assertThat(t.lastSeen(found)).isEqualTo(12 * SEC);
            assertThat(t.counters().hits()).isEqualTo(1);

            assertThat(t.lookup(TestKeys.tcp(8), 3, 12 * SEC)).isEqualTo(NOT_FOUND);
            assertThat(t.counters().misses()).isEqualTo(1);
        }
    }

    @Test
    void theSameTupleTowardsTwoZonesIsTwoConnections() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            FlowKey k = TestKeys.tcp(1);
            t.insert(k, 1, 100L, ConnState.TCP_SYN, 0);
            t.insert(k, 2, 200L, ConnState.TCP_SYN, 0);
            assertThat(t.backendKey(t.lookup(k, 1, 0))).isEqualTo(100L);
            assertThat(t.backendKey(t.lookup(k, 2, 0))).isEqualTo(200L);
            assertThat(t.lookup(k, 3, 0)).isEqualTo(NOT_FOUND);
        }
    }

    @Test
    void v6KeysAreExactAndDistinctFromV4() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            FlowKey v6 = new FlowKey();
            v6.setV6(0x2001_0db8_0000_0001L, 0x10L, 0x2001_0db8_0000_0002L, 0x20L, ConnState.PROTO_UDP, 5000, 53);
            FlowKey v4 = new FlowKey();
            v4.setV4(0x10, 0x20, ConnState.PROTO_UDP, 5000, 53);
            t.insert(v6, 1, 6L, 0, 0);
            t.insert(v4, 1, 4L, 0, 0);

            assertThat(t.backendKey(t.lookup(v6, 1, 0))).isEqualTo(6L);
            assertThat(t.backendKey(t.lookup(v4, 1, 0))).isEqualTo(4L);
            FlowKey other = new FlowKey();
            other.setV6(0x2001_0db8_0000_0001L, 0x10L, 0x2001_0db8_0000_0003L, 0x20L, ConnState.PROTO_UDP, 5000, 53);
            assertThat(t.lookup(other, 1, 0)).as("differs only in the high half of the destination").isEqualTo(NOT_FOUND);

            FlowKey copy = new FlowKey();
            assertThat(t.copyKey(t.find(v6, 1), copy)).isEqualTo(1);
            assertThat(copy.toString()).isEqualTo(v6.toString());
            assertThat(copy.isV4()).isFalse();
        }
    }

    @Test
    void collidingKeysThatWrapAroundTheEndStayFindableAcrossRemovals() {
        // 6 entries in 8 slots: every key collides with others; pick keys whose home is the last
        // slot so that their cluster wraps to slot 0.
        try (ConnectionTable t = new ConnectionTable(6, Timeouts.DEFAULTS, 99)) {
            int last = t.slotCount() - 1;
            List<FlowKey> keys = new ArrayList<>();
            for (int n = 0; keys.size() < 4; n++) {
                FlowKey k = TestKeys.tcp(n);
                if (t.home(k, 1) == last) {
                    keys.add(k);
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                assertThat(t.insert(keys.get(i), 1, i, ConnState.TCP_SYN, 0)).isEqualTo((last + i) % t.slotCount());
            }
            t.remove(keys.get(0), 1);
            // Backward shift pulls the wrapped entries back towards their home.
            assertThat(t.find(keys.get(1), 1)).isEqualTo(last);
            assertThat(t.find(keys.get(3), 1)).isEqualTo(1);
            for (int i = 1; i < keys.size(); i++) {
                assertThat(t.backendKey(t.find(keys.get(i), 1))).isEqualTo(i);
            }
            assertThat(t.find(keys.get(0), 1)).isEqualTo(NOT_FOUND);
            assertThat(t.size()).isEqualTo(3);
        }
    }

    @Test
    void randomInsertsAndRemovalsAgreeWithAHashMap() {
        SplittableRandom rnd = new SplittableRandom(2024);
        for (int capacity : new int[] {3, 8, 50, 700}) {
            try (ConnectionTable t = new ConnectionTable(capacity, Timeouts.DEFAULTS, rnd.nextLong())) {
                List<Key> pool = new ArrayList<>();
                for (int i = 0; i < capacity * 2; i++) {
                    pool.add(Key.of(TestKeys.random(rnd), rnd.nextInt(3)));
                }
                Map<Key, Long> model = new HashMap<>();
                for (int op = 0; op < 20_000; op++) {
                    Key key = pool.get(rnd.nextInt(pool.size()));
                    FlowKey k = key.flowKey();
                    if (rnd.nextInt(3) > 0) {
                        long backend = rnd.nextLong();
                        if (rnd.nextBoolean()) { // as the selector does: the insert reuses the probe of a miss
                            assertThat(t.lookupConnection(k, key.zone()) >= 0).isEqualTo(model.containsKey(key));
                        }
                        int slot = t.insert(k, key.zone(), backend, ConnState.TCP_ACK, 0);
                        if (model.containsKey(key) || model.size() < capacity) {
                            assertThat(slot).isNotNegative();
                            model.put(key, backend);
                        } else {
                            assertThat(slot).isEqualTo(NOT_FOUND);
                        }
                    } else {
                        assertThat(t.remove(k, key.zone())).isEqualTo(model.remove(key) != null);
                    }
                    assertThat(t.size()).isEqualTo(model.size());
                }
                for (Key key : pool) {
                    int slot = t.find(key.flowKey(), key.zone());
                    Long expected = model.get(key);
                    assertThat(slot < 0 ? null : t.backendKey(slot)).as("%s", key).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void updateStateFollowsTheTcpFlagsAndRefreshesTheTime() {
        try (ConnectionTable t = new ConnectionTable(10, Timeouts.DEFAULTS, 1)) {
            FlowKey k = TestKeys.tcp(1);
            int slot = t.insert(k, 1, 5L, ConnState.TCP_SYN, 0);
            t.updateState(slot, ConnState.TCP_ACK, 1 * SEC);
            assertThat(t.state(slot)).isEqualTo(ConnState.ESTABLISHED);
            t.updateState(slot, ConnState.TCP_FIN | ConnState.TCP_ACK, 2 * SEC);
            assertThat(t.state(slot)).isEqualTo(ConnState.CLOSING);
            assertThat(t.lastSeen(slot)).isEqualTo(2 * SEC);
        }
    }

    @Test
    void reinsertingAKeyRebindsItInsteadOfAddingAnEntry() {
        try (ConnectionTable t = new ConnectionTable(10, Timeouts.DEFAULTS, 1)) {
            FlowKey k = TestKeys.tcp(1);
            int a = t.insert(k, 1, 5L, ConnState.TCP_SYN, 0);
            int b = t.insert(k, 1, 6L, ConnState.TCP_ACK, SEC);
            assertThat(b).isEqualTo(a);
            assertThat(t.size()).isEqualTo(1);
            assertThat(t.backendKey(b)).isEqualTo(6L);
            t.rebind(b, 7L);
            assertThat(t.backendKey(t.find(k, 1))).isEqualTo(7L);
        }
    }
}
