package io.flowlb.controller.pseudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.flowlb.controller.Controller;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.openflow.Dpid;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pseudo-interface end to end, inside scripts/sandbox: the controller (in this JVM, the
 * sandbox's root namespace being the controller host) drives OpenFlow 1.3 switches in secure
 * fail mode (the {@link Fabric} of the subclass: Open vSwitch or flow-switch) with hosts in
 * network namespaces, and holds the control VIP 10.0.0.254/24 on its TAP device. Hosts ping the control VIP and fetch a page from
 * an HTTP server bound to it on the controller host; the controller host's own HTTP client
 * fetches a page from a server in a host. Nothing else connects the controller host to the
 * hosts: every packet goes through the switches and the controller.
 */
abstract class ControlVipScenarios {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String VIP = "10.0.0.254";
    private static final String BODY = "served on the controller host";

    private Controller controller;
    private Lab lab;
    private Fabric fabric;
    private HttpServer controlServer;
    private final Queue<String> agentReports = new ConcurrentLinkedQueue<>();
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void start() {
        Lab.requireSandbox();
        lab = new Lab();
        fabric = fabric(lab);
    }

    /** The switches under test. */
    abstract Fabric fabric(Lab lab);

    /** Starts the controller holding the control VIP (and {@code vip6}, unless null) and the HTTP server bound to it. */
    private void startController(String vip6) throws IOException {
        ControllerConfig c = ControllerConfig.defaults();
        c = c.withOpenflow(c.openflow().withPorts(List.of(0))).withPseudo(PseudoConfig.parse(true,
                PseudoConfig.DEFAULT_INTERFACE, VIP + "/24", vip6, null, PseudoConfig.DEFAULT_MTU));
        controller = Controller.launch(c);
        controlServer = HttpServer.create(new InetSocketAddress(VIP, 8080), 16);
        controlServer.createContext("/", exchange -> {
            byte[] body = (BODY + " " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        controlServer.createContext("/api/v1/agents/report", exchange -> {
            agentReports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        controlServer.start();
    }

    @AfterEach
    void stop() {
        for (Process p : started) {
            p.destroyForcibly();
        }
        if (controlServer != null) {
            controlServer.stop(0);
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
    void hostsPingAndFetchFromTheControlVipAndTheControllerHostReachesThem() throws IOException {
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

        Lab.Result curl = in("h2", "curl", "-s", "--max-time", "10", "http://" + VIP + ":8080/api/v1/vips");
        assertThat(curl.code()).as("curl: %s", curl.err()).isZero();
        assertThat(curl.out()).isEqualTo(BODY + " /api/v1/vips");

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
                    "http://" + VIP + ":8080/status");
            assertThat(curl.out()).as("curl from %s: %s", h, curl.err()).isEqualTo(BODY + " /status");
        }
        httpServerIn("h2", "10.0.0.2", "page of h2");
        assertThat(fetchFromControllerHost("http://10.0.0.2:8000/index.html")).isEqualTo("page of h2");
    }

    @Test
    void aLoadAgentOnAServerHostReportsToTheControllerThroughThePseudoInterface() throws IOException {
        Path agentClasses = Path.of("..", "agent", "target", "classes").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(agentClasses), "the agent module is built (mvn -pl agent package)");
        startController(null);
        fabric.bridge("br1", 1, port());
        fabric.host("h1", "10.0.0.1/24", "br1", 1);
        fabric.start();
        assertThat(connected(1)).isTrue();
        String java = ProcessHandle.current().info().command().orElse("java");

        Lab.Result agent = in("h1", java, "-cp", agentClasses.toString(), "io.flowlb.agent.AgentMain",
                "--controller", VIP + ":8080", "--member-id", "web1", "--once");

        assertThat(agent.code()).as("agent --once: %s %s", agent.out(), agent.err()).isZero();
        assertThat(agentReports).singleElement().asString().contains("web1");
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
