package io.flowlb.controller.master;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowlb.controller.Controller;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resource manager and master module against real servers: three HTTP servers in network
 * namespaces behind an Open vSwitch bridge (userspace datapath) that the controller drives; the
 * controller host reaches them through the bridge on a management port (10.0.0.254), the way a
 * lab with a management route does. Checks and agent polls are real sockets; agent reports come
 * over HTTP from the servers' namespaces (the real agent, or curl for the 90% CPU report).
 */
class ResourceManagerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final PoolId WEB = PoolId.of("web");

    @TempDir
    Path tmp;
    private Controller controller;
    private Lab lab;
    private LbStack stack;
    private ServerHosts hosts;

    @BeforeEach
    void start() throws Exception {
        Lab.requireSandbox();
        ControllerConfig c = ControllerConfig.defaults();
        controller = Controller.launch(c.withOpenflow(c.openflow().withPorts(List.of(0))));
        lab = new Lab();
        hosts = new ServerHosts(tmp);
        lab.bridge("br1", 1, "OpenFlow13", controller.openflowPorts().get(0));
        for (int i = 1; i <= 3; i++) {
            lab.host("h" + i, "10.0.0." + i + "/24", "br1", i);
        }
        Lab.sh("ip", "link", "add", "mgmt0", "type", "veth", "peer", "name", "br1-mgmt");
        Lab.sh("ip", "addr", "add", "10.0.0.254/24", "dev", "mgmt0");
        Lab.sh("ip", "link", "set", "mgmt0", "up");
        Lab.sh("ip", "link", "set", "br1-mgmt", "up");
        Lab.run(List.of("ethtool", "-K", "mgmt0", "tx", "off"));
        Lab.sh("ovs-vsctl", "add-port", "br1", "br1-mgmt", "--", "set", "interface", "br1-mgmt", "ofport_request=9");
        assertThat(Lab.await(WAIT, () -> controller.switchService().isConnected(Dpid.of(1)))).isTrue();
        for (int i = 1; i <= 3; i++) {
            hosts.start(i);
            assertThat(lab.ping("h" + i, "10.0.0.254", WAIT)).as("h%d reaches the controller host", i).isTrue();
        }
        stack = new LbStack(controller, tmp.resolve("state"), false);
    }

    @AfterEach
    void stop() {
        if (hosts != null) {
            hosts.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (lab != null) {
            lab.close();
            Lab.run(List.of("ip", "link", "del", "mgmt0"));
        }
    }

    private MemberStatus status(String member) {
        return stack.master.snapshot().member(MemberId.of(member));
    }

    @Test
    void killedHttpServerIsPublishedOutOfServiceWithinTwoSecondsAndReturnsAfterRiseChecks() throws Exception {
        stack.webPool("round_robin", true, 0);
        assertThat(Lab.await(WAIT, () -> stack.allUp(WEB))).as("every server passes its checks").isTrue();
        int before = stack.published.size();

        long killedAt = System.nanoTime();
        hosts.kill(2);
        assertThat(Lab.await(WAIT, () -> {
            PoolWeights w = stack.last(WEB);
            return w != null && !w.get(MemberId.of("m2")).alive();
        })).isTrue();
        LbStack.Publication down = stack.published.stream().skip(before)
                .filter(p -> !p.weights().get(MemberId.of("m2")).alive()).findFirst().orElseThrow();
        long detectMillis = (down.atNanos() - killedAt) / 1_000_000;
        System.out.printf("ResourceManagerIT: killed HTTP server published out of service after %d ms%n", detectMillis);
        assertThat(detectMillis).isLessThan(2_000);
        assertThat(down.weights().share(MemberId.of("m1"))).isEqualTo(0.5);
        JsonNode view = stack.call("GET", "/api/v1/vips/v1/distribution", null);
        assertThat(view.toString()).contains("\"member_id\":\"m2\"").contains("\"health\":\"down\",\"weight\":0,\"alive\":false");

        long restartedAt = System.nanoTime();
        hosts.start(2);
        assertThat(Lab.await(WAIT, () -> stack.last(WEB).get(MemberId.of("m2")).acceptsNew())).isTrue();
        long backMillis = (System.nanoTime() - restartedAt) / 1_000_000;
        System.out.printf("ResourceManagerIT: restarted server back in service after %d ms (rise 2 x 500 ms)%n",
                backMillis);
        assertThat(status("m2").checks()).singleElement().satisfies(c -> assertThat(c.successes()).isEqualTo(2));
    }

    @Test
    void serverReportingNinetyPercentCpuLosesMoreThanHalfItsShareWithinTwoReportIntervals() throws Exception {
        stack.webPool("least_load", false, 0);
        long interval = controller.config().master().reportIntervalMillis();
        for (int round = 0; round < 3; round++) {
            hosts.reportRound("10.0.0.254", stack.rest.port(), 20);
            Thread.sleep(interval);
        }
        assertThat(Lab.await(WAIT, () -> Math.abs(stack.last(WEB).share(MemberId.of("m1")) - 1.0 / 3) < 0.02)).isTrue();
        double before = stack.last(WEB).share(MemberId.of("m1"));

        long hotAt = System.nanoTime();
        hosts.reportRound("10.0.0.254", stack.rest.port(), 90);
        Thread.sleep(interval);
        hosts.reportRound("10.0.0.254", stack.rest.port(), 90);
        assertThat(Lab.await(Duration.ofSeconds(5), () -> stack.last(WEB).share(MemberId.of("m1")) < before / 2))
                .isTrue();
        long tookMillis = (System.nanoTime() - hotAt) / 1_000_000;
        System.out.printf("ResourceManagerIT: share of the 90%% CPU server %.3f -> %.3f after %d ms%n", before,
                stack.last(WEB).share(MemberId.of("m1")), tookMillis);
        assertThat(tookMillis).isLessThanOrEqualTo(2 * interval + 500);
    }

    @Test
    void realAgentReportsItsLoadAndItsAgentCheckDrainTakesTheServerOutOfNewConnections() throws Exception {
        Path classes = Path.of(System.getProperty("user.dir")).getParent().resolve("agent/target/classes");
        assertThat(classes.resolve("io/flowlb/agent/AgentMain.class"))
                .as("build the agent module first (mvn -pl controller-app,agent -am package)").exists();
        stack.webPool("weighted", true, 5555);
        Path state = tmp.resolve("h1.state");
        Files.writeString(state, "ready\n");
        hosts.spawn("h1", System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "--enable-native-access=ALL-UNNAMED", "-cp", classes.toString(), "io.flowlb.agent.AgentMain",
                "--controller", "10.0.0.254:" + stack.rest.port(), "--member-id", "m1", "--address", "10.0.0.1",
                "--interval", "500ms", "--agent-port", "5555", "--service-port", "80", "--state-file", state.toString());
        assertThat(Lab.await(WAIT, () -> status("m1") != null && status("m1").load() != null
                && status("m1").agentCheck() != null && status("m1").agentCheck().reachable()
                && status("m1").agentCheck().lastReply() != null)).as("reports and agent checks arrive").isTrue();
        assertThat(status("m1").agentCheck().lastReply()).startsWith("up ready ");
        assertThat(Lab.await(WAIT, () -> stack.last(WEB).get(MemberId.of("m1")).acceptsNew())).isTrue();

        Files.writeString(state, "drain\n");
        assertThat(Lab.await(WAIT, () -> {
            MemberWeight w = stack.last(WEB).get(MemberId.of("m1"));
            return w.alive() && !w.acceptsNew();
        })).as("drained through the agent: keeps connections, takes no new ones").isTrue();

        Files.writeString(state, "ready\n");
        assertThat(Lab.await(WAIT, () -> stack.last(WEB).get(MemberId.of("m1")).acceptsNew())).isTrue();
    }

    @Test
    void icmpMonitorNoticesAServerWhoseInterfaceWentDown() throws Exception {
        stack.call("POST", "/api/v1/monitors", "{\"id\":\"ping\",\"type\":\"icmp\",\"interval_ms\":500,"
                + "\"timeout_ms\":300,\"rise\":1,\"fall\":2}");
        stack.call("POST", "/api/v1/pools", "{\"id\":\"web\",\"monitor_ids\":[\"ping\"]}");
        for (int i = 1; i <= 3; i++) {
            stack.call("POST", "/api/v1/members", "{\"id\":\"m" + i + "\",\"pool_id\":\"web\",\"address\":\"10.0.0." + i
                    + "\",\"port\":80}");
        }
        assertThat(Lab.await(WAIT, () -> stack.allUp(WEB))).as("every server answers ICMP echo").isTrue();
        Lab.sh("ip", "netns", "exec", "h3", "ip", "link", "set", "h3-eth0", "down");
        assertThat(Lab.await(Duration.ofSeconds(5), () -> status("m3").health() == Health.DOWN)).isTrue();
        assertThat(status("m3").checks()).singleElement()
                .satisfies(c -> assertThat(c.lastOutcome()).isIn(io.flowlb.controller.resource.ProbeResult.Outcome.TIMEOUT,
                        io.flowlb.controller.resource.ProbeResult.Outcome.UNREACHABLE));
        assertThat(status("m1").health()).isEqualTo(Health.UP);
    }
}
