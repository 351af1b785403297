package io.flowlb.controller.pseudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowlb.controller.Controller;
import io.flowlb.controller.RestClient;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.openflow.Dpid;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pseudo-interface end to end, inside scripts/sandbox: the controller (in this JVM, the
 * sandbox's root namespace being the controller host) drives OpenFlow 1.3 switches in secure
 * fail mode (the {@link Fabric} of the subclass: Open vSwitch or flow-switch) with hosts in
 * network namespaces, and holds the control VIP 10.0.0.254/24 on its TAP device. Hosts ping the
 * control VIP and use the controller's own REST API (0.0.0.0:8080) through it, and a load agent
 * on a host reports through it; the controller host's own HTTP client fetches a page from a
 * server in a host. Nothing else connects the controller host to the hosts: every packet goes
 * through the switches and the controller.
 */
abstract class ControlVipScenarios {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String VIP = "10.0.0.254";
    private static final int REST_PORT = 8080;

    private Controller controller;
    private Lab lab;
    private Fabric fabric;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void start() {
        Lab.requireSandbox();
        lab = new Lab();
        fabric = fabric(lab);
    }

    /** The switches under test. */
    abstract Fabric fabric(Lab lab);

    /** Starts the controller holding the control VIP (and {@code vip6}, unless null), with its REST API on port 8080. */
    private void startController(String vip6) {
        ControllerConfig c = Lab.testConfig();
        c = c.withRest(c.rest().withPort(REST_PORT)).withPseudo(PseudoConfig.parse(true,
                PseudoConfig.DEFAULT_INTERFACE, VIP + "/24", vip6, null, PseudoConfig.DEFAULT_MTU));
        controller = Controller.launch(c);
    }

    @AfterEach
    void stop() {
        for (Process p : started) {
            p.destroyForcibly();
        }
        if (fabric != null) {
            fabric.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    private int port() {
        return controller.openflowPorts().get(0);
    }

    private boolean connected(long dpid) {
        return Lab.await(WAIT, () -> controller.switchService().isConnected(Dpid.of(dpid)));
    }

    private Lab.Result in(String ns, String... cmd) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(cmd));
        return Lab.run(all);
    }

    /** An HTTP server in a host, serving one file, started by this test and stopped after it. */
    private void httpServerIn(String ns, String ip, String text) throws IOException {
        Path dir = Files.createTempDirectory("www-" + ns);
        Files.writeString(dir.resolve("index.html"), text);
        started.add(new ProcessBuilder("ip", "netns", "exec", ns, "/usr/bin/python3", "-m", "http.server", "8000",
                "--bind", ip, "--directory", dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** The controller host's own HTTP client, whose packets can only leave through the TAP. */
    private static String fetchFromControllerHost(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
                last = "status " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "failed: " + last;
    }

    @Test
    void hostsPingAndUseTheRestApiOnTheControlVipAndTheControllerHostReachesThem() throws IOException {
        startController(null);
        fabric.bridge("br1", 1, port());
        fabric.host("h1", "10.0.0.1/24", "br1", 1);
        fabric.host("h2", "10.0.0.2/24", "br1", 2);
        fabric.start();
        assertThat(connected(1)).isTrue();
        PseudoInterface pseudo = controller.pseudoInterface();
        assertThat(pseudo).as("the pseudo-interface runs as root with a control VIP").isNotNull();

        Lab.Result ping = in("h1", "ping", "-c", "3", "-W", "2", VIP);
        assertThat(ping.code()).as("ping %s: %s", VIP, ping.out()).isZero();
        assertThat(ping.out()).contains("3 received");

        Lab.Result post = in("h2", "curl", "-s", "--max-time", "10", "-X", "POST", "-H",
                "Content-Type: application/json", "-d", "{\"id\":\"web\"}", "http://" + VIP + ":8080/api/v1/pools");
        assertThat(post.code()).as("curl: %s", post.err()).isZero();
        Lab.Result curl = in("h2", "curl", "-s", "--max-time", "10", "http://" + VIP + ":8080/api/v1/pools");
        assertThat(curl.out()).as("the pool created through the control VIP").contains("\"id\":\"web\"");
        assertThat(controller.lbService().config().pools()).hasSize(1);

        assertThat(lab.ping("h1", "10.0.0.2", WAIT)).as("the hosts still reach each other").isTrue();

        httpServerIn("h1", "10.0.0.1", "page of h1");
        assertThat(fetchFromControllerHost("http://10.0.0.1:8000/index.html")).isEqualTo("page of h1");

        assertThat(fabric.flows("br1")).contains("priority=40000,ip,nw_dst=10.0.0.254")
                .contains("priority=40000,arp,arp_tpa=10.0.0.254")
                .contains("priority=40000,dl_dst=" + pseudo.mac());
        PseudoStats s = pseudo.stats();
        assertThat(s.inboundFrames()).isPositive();
        assertThat(s.outboundUnicast()).isPositive();
        assertThat(s.tapWriteErrors()).isZero();
        theRestApiShowsTheSwitchAsOvsOfctlDoesAndMetricsCountThePseudoInterface();
    }

    /** The network view over the real switch: its flows read as ovs-ofctl prints them; /metrics has the TAP's counters. */
    private void theRestApiShowsTheSwitchAsOvsOfctlDoesAndMetricsCountThePseudoInterface() {
        RestClient rest = RestClient.local(REST_PORT);
        String dpid = "00:00:00:00:00:00:00:01";
        var flows = rest.get("/api/v1/switches/" + dpid + "/flows").json();
        assertThat(flows.findValuesAsText("match")).contains("ip,nw_dst=10.0.0.254", "arp,arp_tpa=10.0.0.254");
        assertThat(flows.findValuesAsText("instructions")).contains("CONTROLLER:65535");
        var ports = rest.get("/api/v1/switches/" + dpid + "/ports").json();
        assertThat(ports.findValuesAsText("name")).contains("br1-h1", "br1-h2");
        assertThat(ports.findValues("rx_packets").stream().mapToLong(n -> n.asLong()).sum()).isPositive();
        assertThat(rest.get("/api/v1/hosts").body()).contains("10.0.0.1").contains("10.0.0.2");
        String metrics = rest.get("/metrics").body();
        assertThat(metrics).containsPattern("flowlb_pseudo_inbound_frames_total\\{interface=\"flowlb0\"} [1-9]")
                .containsPattern("flowlb_switch_packet_ins_total\\{dpid=\"" + dpid + "\"} [1-9]")
                .containsPattern("flowlb_openflow_messages_total\\{direction=\"out\",type=\"packet_out\"} [1-9]");
    }

    @Test
    void theControlVipIsReachableFromHostsBehindEitherOfTwoLinkedSwitches() throws IOException {
        startController(null);
        fabric.bridge("br1", 1, port());
        fabric.bridge("br2", 2, port());
        fabric.cable("br1", 9, "br2", 9);
        fabric.host("h1", "10.0.0.1/24", "br1", 1);
        fabric.host("h2", "10.0.0.2/24", "br2", 1);
        fabric.start();
        assertThat(connected(1) && connected(2)).isTrue();

        for (String h : List.of("h1", "h2")) {
            Lab.Result curl = in(h, "curl", "-s", "--max-time", "10", "--retry", "2",
                    "http://" + VIP + ":8080/api/v1/switches");
            assertThat(curl.out()).as("curl from %s: %s", h, curl.err()).contains("00:00:00:00:00:00:00:01")
                    .contains("00:00:00:00:00:00:00:02");
        }
        httpServerIn("h2", "10.0.0.2", "page of h2");
        assertThat(fetchFromControllerHost("http://10.0.0.2:8000/index.html")).isEqualTo("page of h2");
    }

    @Test
    void aLoadAgentOnAServerHostReportsToTheControllerThroughThePseudoInterface() throws IOException {
        Path agentClasses = Path.of("..", "agent", "target", "classes").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(agentClasses), "the agent module is built (mvn -pl agent package)");
        startController(null);
        RestClient rest = RestClient.local(REST_PORT);
        rest.ok("POST", "/api/v1/pools", "{\"id\":\"web\"}");
        rest.ok("POST", "/api/v1/members", "{\"id\":\"web1\",\"pool_id\":\"web\",\"address\":\"10.0.0.1\"}");
        fabric.bridge("br1", 1, port());
        fabric.host("h1", "10.0.0.1/24", "br1", 1);
        fabric.start();
        assertThat(connected(1)).isTrue();
        String java = ProcessHandle.current().info().command().orElse("java");

        Lab.Result agent = in("h1", java, "-cp", agentClasses.toString(), "io.flowlb.agent.AgentMain",
                "--controller", VIP + ":8080", "--member-id", "web1", "--once");

        assertThat(agent.code()).as("agent --once: %s %s", agent.out(), agent.err()).isZero();
        RestClient.Reply agents = RestClient.local(REST_PORT).get("/api/v1/agents");
        assertThat(agents.json()).as(agents.body()).hasSize(1);
        assertThat(agents.json().get(0).get("member_id").asText()).isEqualTo("web1");
        assertThat(agents.json().get(0).get("source").asText()).as("sent from h1 through the switch")
                .startsWith("10.0.0.1:");
    }

    @Test
    void aHostReachesTheIpv6ControlVipThroughNeighborDiscoveryAnsweredByTheControllerHost() throws IOException {
        startController("fd00::fe/64");
        fabric.bridge("br1", 1, port());
        fabric.host("h1", "10.0.0.1/24", "br1", 1);
        Lab.sh("ip", "netns", "exec", "h1", "ip", "-6", "addr", "add", "fd00::1/64", "dev", "h1-eth0", "nodad");
        fabric.start();
        assertThat(connected(1)).isTrue();

        assertThat(Lab.await(WAIT, () -> in("h1", "ping", "-6", "-c", "1", "-W", "2", "fd00::fe").code() == 0))
                .as("ping -6 fd00::fe").isTrue();
        assertThat(fabric.flows("br1")).contains("ipv6_dst=fd00::fe").contains("nd_target=fd00::fe");
    }
}
