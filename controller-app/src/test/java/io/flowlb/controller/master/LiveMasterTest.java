package io.flowlb.controller.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.DistributionSink;
import io.flowlb.controller.lb.LbManager;
import io.flowlb.controller.lb.agent.AgentReportIntake;
import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.persist.StateStore;
import io.flowlb.controller.resource.AgentCheckPoller;
import io.flowlb.controller.resource.HealthChecker;
import io.flowlb.controller.resource.ResourceManager;
import io.flowlb.controller.resource.SocketProber;
import io.flowlb.loadbalancer.distribution.DistributionSettings;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource manager and master module wired as in the controller, on real threads: the LB
 * control loop, its timer, probes on virtual threads against real HTTP servers on loopback (the
 * prober maps member addresses to them), agent reports through the real intake.
 */
class LiveMasterTest {
    private static final PoolId WEB = PoolId.of("web");
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;
    private final MetricRegistry metrics = new MetricRegistry();
    private final List<PoolWeights> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final DistributionSink sink = (pool, weights) -> published.add(weights);
    private final Map<String, HttpServer> servers = new HashMap<>();
    private final Map<String, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private LbManager lb;
    private AgentReportIntake intake;
    private MasterModule master;

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        servers.values().forEach(s -> s.stop(0));
    }

    private void startServer(String address) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(LOOPBACK, ports.getOrDefault(address, 0)), 16);
        s.createContext("/", ex -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        servers.put(address, s);
        ports.put(address, s.getAddress().getPort());
    }

    private void startController(DistributionSettings settings) throws Exception {
        lb = LbManager.start(new StateStore(dir, LbJson.newMapper()), metrics);
        closing.add(lb);
        intake = new AgentReportIntake(lb, LbJson.newMapper(), Clock.systemUTC(), metrics);
        ControlScheduler control = new ControlScheduler(lb, metrics);
        closing.add(control);
        master = new MasterModule(control, sink, settings, metrics);
        SocketProber sockets = new SocketProber(null);
        closing.add(sockets);
        ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
        closing.add(io::shutdownNow);
        HealthChecker health = new HealthChecker(control, io, (monitor, address, port) -> sockets.probe(monitor,
                LOOPBACK, ports.getOrDefault(address.getHostAddress(), 1)), 0.1, new Random(), metrics, master);
        AgentCheckPoller agents = new AgentCheckPoller(control, io, sockets, 2_000, 1_000, 0.1, new Random(), metrics,
                master);
        ResourceManager resources = new ResourceManager(health, agents, () -> { });
        master.details(resources);
        lb.addListenerAndReplay(master).get(5, TimeUnit.SECONDS);
        lb.addListenerAndReplay(resources).get(5, TimeUnit.SECONDS);
        intake.addListener(master);
        master.start();
        closing.add(() -> lb.submit(() -> {
            master.close();
            resources.close();
            return null;
        }).get(5, TimeUnit.SECONDS));
    }

    private void configure(Pool pool, Monitor monitor) throws Exception {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            members.add(Member.of(MemberId.of("m" + i), WEB, IpAddress.parse("10.0.0." + i), 80));
        }
        List<Monitor> monitors = monitor == null ? List.of() : List.of(monitor);
        lb.replaceConfig(LbConfig.of(List.of(), List.of(pool), members, monitors, List.of())).get(5, TimeUnit.SECONDS);
    }

    private PoolWeights last() {
        return published.isEmpty() ? null : published.getLast();
    }

    private static long waitFor(BooleanSupplier condition, long maxMillis) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > maxMillis * 1_000_000L) {
                return -1;
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - start) / 1_000_000L;
    }

    @Test
    void stoppedHttpServerIsPublishedOutOfServiceWithinTwoSeconds() throws Exception {
        for (int i = 1; i <= 3; i++) {
            startServer("10.0.0." + i);
        }
        startController(DistributionSettings.DEFAULTS);
        Monitor http = Monitor.of(MonitorId.of("http"), MonitorType.HTTP).withTiming(500, 300).withRiseFall(2, 2);
        configure(Pool.of(WEB).withMonitors(List.of(http.id())), http);
        assertThat(waitFor(() -> master.snapshot().pool(WEB) != null && master.snapshot().pool(WEB).members().stream()
                .allMatch(m -> m.health() == io.flowlb.loadbalancer.distribution.Health.UP), 3_000)).isNotNegative();

        servers.get("10.0.0.2").stop(0);
        long detected = waitFor(() -> {
            MemberWeight w = last().get(MemberId.of("m2"));
            return !w.alive() && w.weight() == 0;
        }, 5_000);
        System.out.println("killed HTTP server taken out of the published distribution after " + detected + " ms");
        assertThat(detected).isBetween(0L, 2_000L);
        assertThat(last().share(MemberId.of("m1"))).isEqualTo(0.5);

        startServer("10.0.0.2");
        assertThat(waitFor(() -> last().get(MemberId.of("m2")).acceptsNew(), 3_000)).isNotNegative();
    }

    @Test
    void agentReportsThroughTheIntakeMoveTheWeightsWithinTwoReportIntervals() throws Exception {
        DistributionSettings fast = new DistributionSettings(300, 3, 0.6, 0.2, 0.005);
        startController(fast);
        configure(Pool.of(WEB).withAlgorithm(Algorithm.LEAST_LOAD), null);
        for (int round = 0; round < 3; round++) {
            postRound(20);
            Thread.sleep(fast.reportIntervalMs());
        }
        assertThat(waitFor(() -> last() != null && Math.abs(last().share(MemberId.of("m1")) - 1.0 / 3) < 0.01, 2_000))
                .isNotNegative();
        long start = System.nanoTime();
        postRound(90);
        Thread.sleep(fast.reportIntervalMs());
        postRound(90);
        long moved = waitFor(() -> last().share(MemberId.of("m1")) < 1.0 / 6, 2_000);
        long total = (System.nanoTime() - start) / 1_000_000L;
        assertThat(moved).isNotNegative();
        assertThat(total).isLessThan(2 * fast.reportIntervalMs() + 200);
    }

    /** m1 reports {@code cpu}, the others 20%. */
    private void postRound(double cpu) {
        for (int i = 1; i <= 3; i++) {
            String json = "{\"member_id\":\"m" + i + "\",\"cpu_percent\":" + (i == 1 ? cpu : 20)
                    + ",\"memory_percent\":30,\"active_clients\":4}";
            AgentReportIntake.Outcome o = intake.accept(json.getBytes(StandardCharsets.UTF_8), "127.0.0.1:1");
            assertThat(o).isInstanceOf(AgentReportIntake.Accepted.class);
        }
    }
}
