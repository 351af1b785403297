package io.flowlb.loadbalancer.select;

import io.flowlb.loadbalancer.packet.FlowKey;
import io.flowlb.loadbalancer.table.ConnState;
import io.flowlb.loadbalancer.table.ConnectionTable;
import io.flowlb.loadbalancer.table.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static io.flowlb.loadbalancer.table.ConnState.TCP_ACK;
import static io.flowlb.loadbalancer.table.ConnState.TCP_SYN;
import static org.assertj.core.api.Assertions.assertThat;

class SelectorTest {
    private static final int ZONE = 1;
    private static final long SEC = 1_000_000_000L;
    private final ConnectionTable table = new ConnectionTable(100_000, Timeouts.DEFAULTS, 42);
    private final Selector selector = new Selector(table);
    private final FlowKey[] flows = Flows.tcp(3000, 11);

    @AfterEach
    void close() {
        table.close();
    }

    /** Backends 1, 2, 3 with the given weights and states. */
    private static ServiceTable service(long gen, int w1, int w2, int w3, boolean alive2, boolean accepts2) {
        return ServiceTable.builder(ZONE).vipV4(Flows.VIP, 6, 80)
                .backend(1, w1, true, true).backend(2, w2, alive2, accepts2).backend(3, w3, true, true).build(gen);
    }

    /** Sends the first packet of every flow; returns the backend key each one got. */
    private long[] connect(ServiceTable svc, int flags) {
        long[] got = new long[flows.length];
        for (int i = 0; i < flows.length; i++) {
            int idx = selector.select(flows[i], ZONE, svc, flags, SEC);
            got[i] = idx < 0 ? idx : svc.backendKey(idx);
        }
        return got;
    }

    @Test
    void aNewConnectionGoesToTheMaglevChoiceAndIsRecorded() {
        ServiceTable svc = service(1, 1, 1, 1, true, true);
        long[] got = connect(svc, TCP_SYN);
        for (int i = 0; i < flows.length; i++) {
            assertThat(got[i]).isEqualTo(svc.backendKey(svc.pick(flows[i].hash(Selector.DEFAULT_HASH_SEED))));
            assertThat(table.backendKey(table.find(flows[i], ZONE))).isEqualTo(got[i]);
        }
        assertThat(selector.counters().newConnections()).isEqualTo(flows.length);
        assertThat(connect(svc, TCP_ACK)).isEqualTo(got);
        assertThat(selector.counters().hits()).isEqualTo(flows.length);
        assertThat(table.state(table.find(flows[0], ZONE))).isEqualTo(ConnState.ESTABLISHED);
    }

    @Test
    void existingConnectionsKeepTheirBackendAfterAWeightChangeAndANewSnapshot() {
        long[] before = connect(service(1, 1, 1, 1, true, true), TCP_SYN);
        ServiceTable heavier3 = service(2, 1, 1, 20, true, true);
        assertThat(connect(heavier3, TCP_ACK)).isEqualTo(before);
        assertThat(selector.counters().reselected()).isZero();

        // New connections do follow the new weights.
        int to3 = 0;
        for (FlowKey k : Flows.tcp(3000, 99)) {
            if (heavier3.backendKey(selector.select(k, ZONE, heavier3, TCP_SYN, SEC)) == 3) {
                to3++;
            }
        }
        assertThat(to3).isGreaterThan(2500);
    }

    @Test
    void aRemovedBackendsConnectionsAreReselectedAndTheOthersStay() {
        ServiceTable without2 = ServiceTable.builder(ZONE).vipV4(Flows.VIP, 6, 80)
                .backend(1, 1, true, true).backend(3, 1, true, true).build(2);
        assertOnlyBackend2sConnectionsMove(without2);
    }

    @Test
    void aDownBackendsConnectionsAreReselectedAndTheOthersStay() {
        assertOnlyBackend2sConnectionsMove(service(2, 1, 1, 1, false, true));
    }

    private void assertOnlyBackend2sConnectionsMove(ServiceTable without2) {
        long[] before = connect(service(1, 1, 1, 1, true, true), TCP_SYN);
        long[] after = connect(without2, TCP_ACK);
        int moved = 0;
        for (int i = 0; i < flows.length; i++) {
            if (before[i] == 2) {
                assertThat(after[i]).isIn(1L, 3L);
                assertThat(table.backendKey(table.find(flows[i], ZONE))).as("entry updated").isEqualTo(after[i]);
                moved++;
            } else {
                assertThat(after[i]).isEqualTo(before[i]);
            }
        }
        assertThat(moved).isGreaterThan(800);
        assertThat(selector.counters().reselected()).isEqualTo(moved);
        assertThat(connect(without2, TCP_ACK)).as("re-selected once, then stable").isEqualTo(after);
        assertThat(connect(service(3, 1, 1, 1, true, true), TCP_ACK)).as("backend 2 back: nothing moves back")
                .isEqualTo(after);
    }

    @Test
    void connectionsKeepTheirBackendWhenTheServiceListsItsBackendsInAnotherOrder() {
        long[] before = connect(service(1, 1, 1, 1, true, true), TCP_SYN);
        ServiceTable reversed = ServiceTable.builder(ZONE).vipV4(Flows.VIP, 6, 80)
                .backend(3, 1, true, true).backend(2, 1, true, true).backend(1, 1, true, true).build(2);

        assertThat(connect(reversed, TCP_ACK)).isEqualTo(before);
        assertThat(connect(reversed, TCP_ACK)).as("again, with the indexes recorded anew").isEqualTo(before);
        assertThat(connect(service(3, 1, 1, 1, true, true), TCP_ACK)).as("and back").isEqualTo(before);
        assertThat(selector.counters().reselected()).isZero();
    }

    @Test
    void aDrainedBackendKeepsItsConnectionsAndGetsNoNewOnes() {
        long[] before = connect(service(1, 1, 1, 1, true, true), TCP_SYN);
        ServiceTable draining2 = service(2, 1, 1, 1, true, false);
        assertThat(connect(draining2, TCP_ACK)).isEqualTo(before);
        for (FlowKey k : Flows.tcp(3000, 5)) {
            assertThat(draining2.backendKey(selector.select(k, ZONE, draining2, TCP_SYN, SEC))).isNotEqualTo(2L);
        }
        // A closed connection's tuple reused by a new SYN is a new connection: not to the drained backend.
        int on2 = indexOf(before, 2);
        int slot = table.find(flows[on2], ZONE);
        table.updateState(slot, ConnState.TCP_FIN | TCP_ACK, SEC);
        assertThat(draining2.backendKey(selector.select(flows[on2], ZONE, draining2, TCP_SYN, 2 * SEC))).isNotEqualTo(2L);
    }

    @Test
    void aNewSynOnTheTupleOfAnEstablishedConnectionFollowsTheCurrentWeights() {
        connect(service(1, 1, 1, 1, true, true), TCP_SYN);
        connect(service(1, 1, 1, 1, true, true), TCP_ACK);
        ServiceTable heavier3 = service(2, 1, 1, 20, true, true);

        long[] reopened = connect(heavier3, TCP_SYN);

        int to3 = 0;
        for (int i = 0; i < flows.length; i++) {
            assertThat(reopened[i]).isEqualTo(heavier3.backendKey(heavier3.pick(flows[i].hash(Selector.DEFAULT_HASH_SEED))));
            assertThat(table.backendKey(table.find(flows[i], ZONE))).as("entry follows").isEqualTo(reopened[i]);
            to3 += reopened[i] == 3 ? 1 : 0;
        }
        assertThat(to3).isGreaterThan(2500);
        assertThat(selector.lastOutcome()).isEqualTo(Selector.NEW);
        assertThat(selector.counters().newConnections()).isEqualTo(2L * flows.length);
        assertThat(table.state(table.find(flows[0], ZONE))).isEqualTo(ConnState.SYN_SEEN);
    }

    @Test
    void aRetransmittedSynKeepsItsBackendAfterAWeightChange() {
        long[] before = connect(service(1, 1, 1, 1, true, true), TCP_SYN);
        assertThat(connect(service(2, 1, 1, 20, true, true), TCP_SYN)).isEqualTo(before);
        assertThat(selector.counters().hits()).isEqualTo(flows.length);
    }

    @Test
    void aRetransmittedSynLeavesABackendThatStoppedTakingNewConnections() {
        long[] before = connect(service(1, 1, 1, 1, true, true), TCP_SYN);
        ServiceTable draining2 = service(2, 1, 1, 1, true, false);
        long[] again = connect(draining2, TCP_SYN);
        for (int i = 0; i < flows.length; i++) {
            if (before[i] == 2) {
                assertThat(again[i]).isIn(1L, 3L);
            } else {
                assertThat(again[i]).isEqualTo(before[i]);
            }
        }
    }

    private static int indexOf(long[] values, long v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new AssertionError("no flow on backend " + v);
    }

    @Test
    void midConnectionPacketsAreAdoptedConsistentlyOrRejectedWhenStrict() {
        ServiceTable svc = service(1, 1, 1, 1, true, true);
        long[] expected = new long[flows.length];
        for (int i = 0; i < flows.length; i++) {
            expected[i] = svc.backendKey(svc.pick(flows[i].hash(Selector.DEFAULT_HASH_SEED)));
        }
        assertThat(connect(svc, TCP_ACK)).as("the backend a SYN would have chosen").isEqualTo(expected);
        assertThat(selector.counters().adopted()).isEqualTo(flows.length);
        assertThat(table.state(table.find(flows[0], ZONE))).isEqualTo(ConnState.ESTABLISHED);

        try (ConnectionTable strictTable = new ConnectionTable(1000, Timeouts.DEFAULTS, 1)) {
            Selector strict = new Selector(strictTable, Selector.DEFAULT_HASH_SEED, MidConnectionPolicy.STRICT);
            assertThat(strict.select(flows[0], ZONE, svc, TCP_ACK, SEC)).isEqualTo(Selector.REJECT);
            assertThat(strictTable.size()).isZero();
            assertThat(strict.counters().rejected()).isEqualTo(1);
            assertThat(strict.select(flows[0], ZONE, svc, TCP_SYN, SEC)).isNotNegative();
            assertThat(strict.select(flows[0], ZONE, svc, TCP_ACK, SEC)).as("known connection").isNotNegative();
            FlowKey udp = new FlowKey();
            udp.setV4(1, Flows.VIP, ConnState.PROTO_UDP, 5000, 53);
            assertThat(strict.select(udp, ZONE, svc, 0, SEC)).as("UDP has no handshake").isNotNegative();
        }
    }

    @Test
    void aServicesOwnPolicyOverridesTheSelectorsAndTheOutcomeIsReported() {
        ServiceTable strictSvc = ServiceTable.builder(ZONE).vipV4(Flows.VIP, 6, 80)
                .midConnection(MidConnectionPolicy.STRICT).backend(1, 1, true, true).backend(2, 1, true, true).build(1);
        assertThat(selector.select(flows[0], ZONE, strictSvc, TCP_ACK, SEC)).isEqualTo(Selector.REJECT);
        assertThat(selector.select(flows[0], ZONE, strictSvc, TCP_SYN, SEC)).isNotNegative();
        assertThat(selector.lastOutcome()).isEqualTo(Selector.NEW);
        assertThat(selector.select(flows[0], ZONE, strictSvc, TCP_ACK, SEC)).isNotNegative();
        assertThat(selector.lastOutcome()).isEqualTo(Selector.HIT);

        try (ConnectionTable strictTable = new ConnectionTable(1000, Timeouts.DEFAULTS, 1)) {
            Selector strict = new Selector(strictTable, Selector.DEFAULT_HASH_SEED, MidConnectionPolicy.STRICT);
            ServiceTable consistentSvc = ServiceTable.builder(ZONE).vipV4(Flows.VIP, 6, 80)
                    .midConnection(MidConnectionPolicy.CONSISTENT).backend(1, 1, true, true).build(1);
            assertThat(strict.select(flows[1], ZONE, consistentSvc, TCP_ACK, SEC)).isZero();
            assertThat(strict.lastOutcome()).isEqualTo(Selector.ADOPTED);
            ServiceTable down = ServiceTable.builder(ZONE).vipV4(Flows.VIP, 6, 80)
                    .backend(1, 1, false, true).backend(2, 1, true, true).build(2);
            assertThat(strict.select(flows[1], ZONE, down, TCP_ACK, SEC)).isEqualTo(1);
            assertThat(strict.lastOutcome()).isEqualTo(Selector.RESELECTED);
        }
    }

    @Test
    void aNatConnectionWithoutPortsKeepsZeroPortsInItsReplyKey() {
        long mapped = FlowKey.V4_MAPPED_LO_PREFIX;
        ServiceTable nat = ServiceTable.builder(ZONE).vipV4(Flows.VIP, ServiceTable.ALL, ServiceTable.ALL)
                .mode(ServiceTable.MODE_NAT).backend(1, 1, true, true, 0, mapped | 0x0a000101, 8080, 0).build(1);
        FlowKey esp = new FlowKey();
        esp.setV4(0xc000_020a, Flows.VIP, 50, 0, 0);
        assertThat(selector.select(esp, ZONE, nat, 0, SEC)).isZero();
        FlowKey reply = new FlowKey();
        reply.setV4(0x0a000101, 0xc000_020a, 50, 0, 0);
        assertThat(selector.reply(reply, 0, SEC)).as("the member's ESP back to the client").isNotNegative();
    }

    @Test
    void aFullTableStillReturnsTheMaglevChoiceAndCountsItUnrecorded() {
        try (ConnectionTable tiny = new ConnectionTable(10, Timeouts.DEFAULTS, 1)) {
            Selector s = new Selector(tiny);
            ServiceTable svc = service(1, 1, 1, 1, true, true);
            for (int i = 0; i < 50; i++) {
                int idx = s.select(flows[i], ZONE, svc, TCP_ACK, SEC);
                assertThat(idx).isEqualTo(svc.pick(flows[i].hash(Selector.DEFAULT_HASH_SEED)));
            }
            assertThat(tiny.size()).isEqualTo(10);
            assertThat(s.counters().unrecorded()).isEqualTo(40);
        }
    }

    @Test
    void aServiceWithoutEligibleBackendsGivesNoBackend() {
        ServiceTable drained = ServiceTable.builder(ZONE).backend(1, 1, true, false).build(1);
        assertThat(selector.select(flows[0], ZONE, drained, TCP_SYN, SEC)).isEqualTo(Selector.NO_BACKEND);
        assertThat(selector.counters().noBackend()).isEqualTo(1);
        assertThat(table.size()).isZero();
    }

    @Test
    void natConnectionsAreFoundByTheirReplyAndFollowAReselection() {
        long mapped = FlowKey.V4_MAPPED_LO_PREFIX;
        ServiceTable nat = ServiceTable.builder(ZONE).vipV4(Flows.VIP, 6, 80).mode(ServiceTable.MODE_NAT)
                .backend(1, 1, true, true, 0, mapped | 0x0a000101, 8080, 0)
                .backend(2, 1, true, true, 0, mapped | 0x0a000102, 8080, 0).build(1);
        FlowKey k = flows[0];
        int idx = selector.select(k, ZONE, nat, TCP_SYN, SEC);
        FlowKey reply = replyOf(k, nat, idx);
        int fwd = selector.reply(reply, ConnState.TCP_SYN | TCP_ACK, 2 * SEC);
        assertThat(fwd).isNotNegative();
        assertThat(table.isReply(fwd)).isFalse();
        assertThat(table.backendKey(fwd)).isEqualTo(nat.backendKey(idx));
        FlowKey original = new FlowKey();
        table.copyKey(fwd, original);
        assertThat(original.dstLo).as("the VIP to restore as the reply's source").isEqualTo(k.dstLo);
        assertThat(original.dstPort).isEqualTo(80);
        assertThat(selector.counters().replies()).isEqualTo(1);
        FlowKey stranger = replyOf(flows[1], nat, idx);
        assertThat(selector.reply(stranger, TCP_ACK, 2 * SEC)).isEqualTo(ConnectionTable.NOT_FOUND);

        ServiceTable down = ServiceTable.builder(ZONE).vipV4(Flows.VIP, 6, 80).mode(ServiceTable.MODE_NAT)
                .backend(1, 1, idx != 0, true, 0, mapped | 0x0a000101, 8080, 0)
                .backend(2, 1, idx != 1, true, 0, mapped | 0x0a000102, 8080, 0).build(2);
        int moved = selector.select(k, ZONE, down, TCP_ACK, 3 * SEC);
        assertThat(moved).isEqualTo(1 - idx);
        assertThat(table.find(reply, ConnectionTable.REPLY_ZONE)).as("old reply key gone").isEqualTo(ConnectionTable.NOT_FOUND);
        assertThat(table.find(replyOf(k, down, moved), ConnectionTable.REPLY_ZONE)).isNotNegative();
        assertThat(table.size()).isEqualTo(2);
    }

    private static FlowKey replyOf(FlowKey k, ServiceTable svc, int idx) {
        FlowKey r = new FlowKey();
        r.setV6(svc.addressHi(idx), svc.addressLo(idx), k.srcHi, k.srcLo, k.protocol, svc.backendPort(idx), k.srcPort);
        return r;
    }

    @Test
    void selectingAllocatesNothingPerPacket() {
        ServiceTable svc = service(1, 1, 2, 3, true, true);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long now = SEC;
        for (int round = 0; round < 20; round++) { // warm up the compiler on hits, misses and expiry
            connect(svc, TCP_SYN);
            table.expire(now + 400 * SEC, table.slotCount());
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20; round++) {
            for (FlowKey k : flows) {
                selector.select(k, ZONE, svc, TCP_SYN, now);
                selector.select(k, ZONE, svc, TCP_ACK, now);
            }
            table.expire(now + 400 * SEC, table.slotCount());
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 120,000 selections").isLessThan(1024);
    }
}
