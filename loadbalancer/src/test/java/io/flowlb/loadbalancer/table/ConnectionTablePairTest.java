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
import static io.flowlb.loadbalancer.table.ConnectionTable.REPLY_ZONE;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTablePairTest {
    private static final long SEC = 1_000_000_000L;
    private static final int BACKEND = 0x0a00_0164; // 10.0.1.100

    /** The tuple the backend's answers carry after NAT: backend:8080 to client. */
    private static FlowKey replyOf(FlowKey fwd) {
        FlowKey r = new FlowKey();
        r.copyFrom(fwd);
        r.reverse();
        r.srcLo = FlowKey.V4_MAPPED_LO_PREFIX | BACKEND;
        r.srcPort = 8080;
        return r;
    }

    @Test
    void aNatConnectionIsFoundUnderBothKeysAndShareOneState() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            FlowKey fwd = TestKeys.tcp(1);
            FlowKey reply = replyOf(fwd);
            int f = t.insertPair(fwd, 7, reply, REPLY_ZONE, 99L, ConnState.TCP_SYN, 0);
            assertThat(t.size()).isEqualTo(2);
            assertThat(t.connections()).as("one connection under two keys").isEqualTo(1);

            int r = t.lookup(reply, REPLY_ZONE, 3 * SEC);
            assertThat(r).isNotNegative().isNotEqualTo(f);
            assertThat(t.isReply(r)).isTrue();
            assertThat(t.isReply(f)).isFalse();
            assertThat(t.primary(r)).isEqualTo(f);
            assertThat(t.replySlot(f)).isEqualTo(r);
            assertThat(t.backendKey(r)).isEqualTo(99L);
            assertThat(t.lastSeen(f)).as("a reply refreshes the connection").isEqualTo(3 * SEC);

            t.updateState(r, ConnState.TCP_ACK, 4 * SEC);
            assertThat(t.state(f)).isEqualTo(ConnState.ESTABLISHED);

            // The reverse rewrite needs the original client and VIP: the forward key.
            FlowKey original = new FlowKey();
            assertThat(t.copyKey(t.primary(r), original)).isEqualTo(7);
            assertThat(original.toString()).isEqualTo(fwd.toString());
        }
    }

    @Test
    void lookupConnectionGivesThePrimaryOfEitherKeyAndUpdatesIt() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            FlowKey fwd = TestKeys.tcp(1);
            FlowKey reply = replyOf(fwd);
            int f = t.insertPair(fwd, 7, reply, REPLY_ZONE, 99L, ConnState.TCP_SYN, 0);
            assertThat(t.lookupConnection(reply, REPLY_ZONE)).isEqualTo(f);
            assertThat(t.foundBackendKey()).isEqualTo(99L);
            assertThat(t.foundState()).isEqualTo(ConnState.SYN_SEEN);
            assertThat(t.lastSeen(f)).as("a lookup alone does not mark it seen").isZero();
            t.updateFound(ConnState.TCP_ACK, 5 * SEC);
            assertThat(t.state(f)).isEqualTo(ConnState.ESTABLISHED);
            assertThat(t.lastSeen(f)).isEqualTo(5 * SEC);
            assertThat(t.lookupConnection(fwd, 7)).isEqualTo(f);
            assertThat(t.foundState()).isEqualTo(ConnState.ESTABLISHED);
            assertThat(t.lookupConnection(fwd, 8)).isEqualTo(NOT_FOUND);
            assertThat(t.counters().hits()).isEqualTo(2);
            assertThat(t.counters().misses()).isEqualTo(1);
        }
    }

    @Test
    void removingEitherKeyRemovesTheConnection() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            FlowKey a = TestKeys.tcp(1);
            FlowKey b = TestKeys.tcp(2);
            t.insertPair(a, 7, replyOf(a), REPLY_ZONE, 1L, ConnState.TCP_SYN, 0);
            t.insertPair(b, 7, replyOf(b), REPLY_ZONE, 2L, ConnState.TCP_SYN, 0);

            t.remove(t.find(replyOf(a), REPLY_ZONE));
            assertThat(t.find(a, 7)).isEqualTo(NOT_FOUND);
            assertThat(t.find(replyOf(a), REPLY_ZONE)).isEqualTo(NOT_FOUND);
            assertThat(t.remove(b, 7)).isTrue();
            assertThat(t.find(replyOf(b), REPLY_ZONE)).isEqualTo(NOT_FOUND);
            assertThat(t.size()).isZero();
        }
    }

    @Test
    void expiryRemovesBothKeys() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            FlowKey a = TestKeys.tcp(1);
            t.insertPair(a, 7, replyOf(a), REPLY_ZONE, 1L, ConnState.TCP_SYN, 0);
            assertThat(t.expire(31 * SEC, t.slotCount())).isEqualTo(1);
            assertThat(t.size()).isZero();
            assertThat(t.find(replyOf(a), REPLY_ZONE)).isEqualTo(NOT_FOUND);
        }
    }

    @Test
    void aReplyKeyAlreadyTakenIsCountedAndTheForwardKeyStillRecorded() {
        try (ConnectionTable t = new ConnectionTable(100, Timeouts.DEFAULTS, 1)) {
            FlowKey a = TestKeys.tcp(1);
            FlowKey sameClientOtherVip = TestKeys.tcp(1);
            sameClientOtherVip.dstLo++;
            t.insertPair(a, 7, replyOf(a), REPLY_ZONE, 1L, ConnState.TCP_SYN, 0);
            int f = t.insertPair(sameClientOtherVip, 8, replyOf(a), REPLY_ZONE, 2L, ConnState.TCP_SYN, 0);
            assertThat(f).isNotNegative();
            assertThat(t.replySlot(f)).isEqualTo(NOT_FOUND);
            assertThat(t.counters().pairCollisions()).isEqualTo(1);
            assertThat(t.backendKey(t.find(replyOf(a), REPLY_ZONE))).as("the first owner keeps it").isEqualTo(1L);
        }
    }

    @Test
    void pairsSurviveRandomChurnOfCollidingNeighbours() {
        churn(false);
    }

    @Test
    void pairsInsertedRightAfterTheirLookupMissedSurviveTheSameChurn() {
        churn(true);
    }

    /** With {@code lookUpFirst}, each insert follows a miss of its key, as the selector does: the insert reuses that probe. */
    private static void churn(boolean lookUpFirst) {
        SplittableRandom rnd = new SplittableRandom(5);
        try (ConnectionTable t = new ConnectionTable(64, Timeouts.DEFAULTS, 11)) {
            Map<Key, Key> pairs = new HashMap<>();
            List<Key> forwards = new ArrayList<>();
            for (int op = 0; op < 20_000; op++) {
                if (forwards.size() < 30 && rnd.nextBoolean()) {
                    FlowKey f = TestKeys.random(rnd);
                    FlowKey r = TestKeys.random(rnd);
                    if (lookUpFirst) {
                        assertThat(t.lookupConnection(f, 1)).isEqualTo(NOT_FOUND);
                    }
                    assertThat(t.insertPair(f, 1, r, REPLY_ZONE, op, ConnState.TCP_ACK, 0)).isNotNegative();
                    Key fk = Key.of(f, 1);
                    pairs.put(fk, Key.of(r, REPLY_ZONE));
                    forwards.add(fk);
                } else if (!forwards.isEmpty()) {
                    Key fk = forwards.remove(rnd.nextInt(forwards.size()));
                    Key rk = pairs.remove(fk);
                    Key by = rnd.nextBoolean() ? fk : rk;
                    assertThat(t.remove(by.flowKey(), by.zone())).isTrue();
                }
                assertThat(t.size()).isEqualTo(2 * pairs.size());
                assertThat(t.connections()).isEqualTo(pairs.size());
                for (Map.Entry<Key, Key> e : pairs.entrySet()) {
                    int f = t.find(e.getKey().flowKey(), 1);
                    int r = t.find(e.getValue().flowKey(), REPLY_ZONE);
                    assertThat(f).isNotNegative();
                    assertThat(t.replySlot(f)).isEqualTo(r);
                    assertThat(t.primary(r)).isEqualTo(f);
                }
            }
        }
    }
}
