package io.flowlb.controller.resource;

import static io.flowlb.controller.resource.LoopbackServers.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.core.ManualEventScheduler;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.ExpectedStatus;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health checker on a manual clock, probing real servers on the loopback interface: member
 * addresses (which may not be loopback) are mapped to loopback ports at the prober, the one I/O
 * edge faked here. Probes run synchronously on the test thread.
 */
class HealthCheckerTest {
    private static final PoolId WEB = PoolId.of("web");
    private static final Monitor HTTP = Monitor.of(MonitorId.of("http"), MonitorType.HTTP).withTiming(500, 300)
            .withRiseFall(2, 2);
    private static final Monitor TCP = Monitor.of(MonitorId.of("tcp"), MonitorType.TCP).withTiming(500, 300)
            .withRiseFall(1, 2);

    private final ManualEventScheduler clock = new ManualEventScheduler();
    private final MetricRegistry metrics = new MetricRegistry();
    private final ProbeRecorder events = new ProbeRecorder(clock::nowMillis);
    private final SocketProber sockets = new SocketProber(null);
    private final Map<String, Integer> loopbackPort = new ConcurrentHashMap<>();
    private final List<String> probed = new ArrayList<>();
    private final Prober prober = (monitor, address, port) -> {
        probed.add(clock.nowMillis() + " " + address.getHostAddress() + ":" + port);
        Integer real = loopbackPort.get(address.getHostAddress() + ":" + port);
        return sockets.probe(monitor, LOOPBACK, real == null ? 1 : real);
    };
    private final HealthChecker checker = new HealthChecker(clock, Runnable::run, prober, 0.1, new Random(42), metrics,
            events);
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        checker.close();
        sockets.close();
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private LoopbackServers.Http http(String memberAddress) throws Exception {
        LoopbackServers.Http s = new LoopbackServers.Http();
        servers.add(s);
        loopbackPort.put(memberAddress, s.port());
        return s;
    }

    private static Member member(String id, String address, int port) {
        return Member.of(MemberId.of(id), WEB, IpAddress.parse(address), port);
    }

    private static LbConfig config(List<Monitor> monitors, Member... members) {
        List<MonitorId> ids = monitors.stream().map(Monitor::id).toList();
        return LbConfig.of(List.of(), List.of(Pool.of(WEB).withMonitors(ids)), List.of(members), monitors, List.of());
    }

    /** Advances in 10 ms steps until {@code member} is told {@code health}; returns the time taken, or -1. */
    private long advanceUntil(String member, Health health, long maxMillis) {
        long start = clock.nowMillis();
        while (clock.nowMillis() - start <= maxMillis) {
            if (checker.health(MemberId.of(member)) == health) {
                return clock.nowMillis() - start;
            }
            clock.advance(10);
        }
        return -1;
    }

    @Test
    void killedHttpServerIsDownAfterFallIntervalsAndUpAgainAfterRiseSuccesses() throws Exception {
        LoopbackServers.Http s1 = http("10.0.0.1:80");
        http("10.0.0.2:80");
        checker.reconcile(config(List.of(HTTP), member("m1", "10.0.0.1", 80), member("m2", "10.0.0.2", 80)));
        assertThat(checker.health(MemberId.of("m1"))).isEqualTo(Health.UNKNOWN);
        assertThat(advanceUntil("m1", Health.UP, 1_200)).isPositive();
        assertThat(advanceUntil("m2", Health.UP, 1_200)).isNotNegative();

        s1.close();
        long detected = advanceUntil("m1", Health.DOWN, 3_000);
        assertThat(detected).as("two refused probes, 500 ms apart give or take 10%").isBetween(400L, 1_150L);
        assertThat(checker.health(MemberId.of("m2"))).isEqualTo(Health.UP);
        assertThat(checker.checks(MemberId.of("m1"))).singleElement().satisfies(c -> {
            assertThat(c.lastOutcome()).isEqualTo(ProbeResult.Outcome.REFUSED);
            assertThat(c.failures()).isEqualTo(2);
        });

        LoopbackServers.Http restarted = http("10.0.0.1:80");
        assertThat(advanceUntil("m1", Health.UP, 3_000)).isBetween(400L, 1_150L);
        assertThat(events.of("m1")).containsExactly("UP", "DOWN", "UP");
        assertThat(restarted.requests).hasSizeGreaterThanOrEqualTo(2);
        assertThat(metrics.scrapeText()).contains("flowlb_health_checks_total{type=\"http\",outcome=\"refused\"} 2")
                .contains("flowlb_health_transitions_total{health=\"down\"} 1");
    }

    @Test
    void refusedTcpPortFailsEveryProbeAtOnce() throws Exception {
        loopbackPort.put("10.0.0.9:80", LoopbackServers.refusingPort());
        checker.reconcile(config(List.of(TCP), member("m9", "10.0.0.9", 80)));
        long detected = advanceUntil("m9", Health.DOWN, 2_000);
        assertThat(detected).as("first probe within one interval, the second one interval later").isBetween(0L, 1_100L);
        assertThat(probed).hasSize(2);
    }

    @Test
    void anyMonitorDownMakesTheMemberDownAndAllUpMakeItUp() throws Exception {
        LoopbackServers.Http s = http("10.0.0.1:80");
        s.status.set(503);
        checker.reconcile(config(List.of(TCP, HTTP), member("m1", "10.0.0.1", 80)));
        assertThat(advanceUntil("m1", Health.DOWN, 2_000)).isNotNegative();
        assertThat(checker.checks(MemberId.of("m1"))).extracting(CheckStatus::health)
                .containsExactlyInAnyOrder(Health.UP, Health.DOWN);
        s.status.set(200);
        assertThat(advanceUntil("m1", Health.UP, 2_000)).isNotNegative();
    }

    @Test
    void removedMemberIsNoLongerProbedAndItsHealthIsForgotten() throws Exception {
        LoopbackServers.Http s = http("10.0.0.1:80");
        s.status.set(500);
        checker.reconcile(config(List.of(HTTP), member("m1", "10.0.0.1", 80), member("m2", "10.0.0.2", 80)));
        assertThat(advanceUntil("m1", Health.DOWN, 2_000)).isNotNegative();
        checker.reconcile(config(List.of(HTTP), member("m2", "10.0.0.2", 80)));
        int before = probed.size();
        clock.advance(5_000);
        assertThat(probed.subList(before, probed.size())).noneMatch(p -> p.contains("10.0.0.1"));
        assertThat(checker.health(MemberId.of("m1"))).isEqualTo(Health.UNKNOWN);
        assertThat(events.of("m1")).containsExactly("DOWN", "UNKNOWN");
    }

    @Test
    void resultOfAProbeThatOutlivedItsCheckIsDropped() throws Exception {
        List<Runnable> held = new ArrayList<>();
        HealthChecker slow = new HealthChecker(clock, held::add, prober, 0.1, new Random(1), metrics, events);
        loopbackPort.put("10.0.0.3:80", LoopbackServers.refusingPort());
        slow.reconcile(config(List.of(TCP.withRiseFall(1, 1)), member("m3", "10.0.0.3", 80)));
        clock.advance(600);
        assertThat(held).isNotEmpty();
        slow.reconcile(config(List.of(TCP)));
        held.forEach(Runnable::run);
        assertThat(events.of("m3")).isEmpty();
        slow.close();
    }

    @Test
    void changedTimingKeepsTheVerdictButAChangedAddressStartsOver() throws Exception {
        http("10.0.0.1:80");
        http("10.0.0.5:80");
        checker.reconcile(config(List.of(HTTP), member("m1", "10.0.0.1", 80)));
        assertThat(advanceUntil("m1", Health.UP, 2_000)).isNotNegative();
        checker.reconcile(config(List.of(HTTP.withTiming(1_000, 500)), member("m1", "10.0.0.1", 80)));
        assertThat(checker.health(MemberId.of("m1"))).isEqualTo(Health.UP);
        checker.reconcile(config(List.of(HTTP.withTiming(1_000, 500)), member("m1", "10.0.0.5", 80)));
        assertThat(checker.health(MemberId.of("m1"))).isEqualTo(Health.UNKNOWN);
        assertThat(events.of("m1")).containsExactly("UP", "UNKNOWN");
    }

    @Test
    void memberOnTheClientsPortIsProbedOnItsVipsPortAndAMonitorPortOverridesBoth() throws Exception {
        Vip vip = Vip.of(VipId.of("v"), IpAddress.parse("10.0.0.100"), Protocol.TCP, 8080).withPool(WEB);
        Monitor tcp81 = Monitor.of(MonitorId.of("tcp81"), MonitorType.TCP).withTiming(500, 300).withPort(81);
        LbConfig c = LbConfig.of(List.of(vip), List.of(Pool.of(WEB).withMonitors(List.of(TCP.id(), tcp81.id()))),
                List.of(member("m1", "10.0.0.1", 0)), List.of(TCP, tcp81), List.of());
        checker.reconcile(c);
        clock.advance(500);
        assertThat(probed).extracting(p -> p.substring(p.indexOf(' ') + 1))
                .containsExactlyInAnyOrder("10.0.0.1:8080", "10.0.0.1:81");
        assertThat(checker.checks(MemberId.of("m1"))).extracting(CheckStatus::port).containsExactly(8080, 81);
    }

    @Test
    void checksOfManyMembersAreSpreadOverTheInterval() {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            members.add(member("m" + i, "10.0.1." + i, 80));
        }
        checker.reconcile(config(List.of(TCP), members.toArray(Member[]::new)));
        long start = clock.nowMillis();
        clock.advance(500);
        TreeSet<Long> times = new TreeSet<>();
        for (String p : probed) {
            times.add(Long.parseLong(p.substring(0, p.indexOf(' '))) - start);
        }
        assertThat(probed).hasSize(20);
        assertThat(times).hasSizeGreaterThan(15);
        assertThat(times.last() - times.first()).isGreaterThan(250);
    }

    @Test
    void checkWithNoPortToProbeLeavesHealthAlone() {
        checker.reconcile(config(List.of(TCP), member("m1", "10.0.0.1", 0)));
        clock.advance(5_000);
        assertThat(probed).isEmpty();
        assertThat(checker.health(MemberId.of("m1"))).isEqualTo(Health.UNKNOWN);
        assertThat(checker.checks(MemberId.of("m1"))).singleElement()
                .satisfies(c -> assertThat(c.lastOutcome()).isEqualTo(ProbeResult.Outcome.UNAVAILABLE));
        assertThat(metrics.scrapeText()).contains("flowlb_health_check_problems_total{kind=\"unavailable_tcp\"}");
    }

    @Test
    void expectedStatusRangesOfTheMonitorDecide() throws Exception {
        LoopbackServers.Http s = http("10.0.0.1:80");
        s.status.set(404);
        Monitor wants404 = HTTP.withHttp("/missing", ExpectedStatus.parse("404"));
        checker.reconcile(config(List.of(wants404), member("m1", "10.0.0.1", 80)));
        assertThat(advanceUntil("m1", Health.UP, 2_000)).isNotNegative();
        assertThat(s.requests).allMatch(r -> r.startsWith("GET /missing "));
    }
}
