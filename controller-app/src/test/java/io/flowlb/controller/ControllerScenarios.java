package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.pseudo.Fabric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole controller as a user runs it, inside scripts/sandbox:
 * {@code ./flowlb controller --control-vip 10.0.0.254/24} (the launcher, OpenFlow on 6653, REST on
 * 8080) drives one switch of the subclass's {@link Fabric} (Open vSwitch or flow-switch) with three
 * HTTP servers and a client in network namespaces. A VIP created through the REST API balances the
 * client's requests over the three servers; the distribution, {@code /metrics} and the dashboard
 * show every member (with the connections the switch placed on it, where the switch reports
 * them); and a controller killed with SIGKILL comes back with the same configuration
 * and puts the switch's flows back.
 */
abstract class ControllerScenarios {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONTROL_VIP = "10.0.0.254";
    private static final String VIP = "10.0.0.100";
    private static final Path LAUNCHER = Path.of("..", "flowlb").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;
    private Lab lab;
    private Fabric fabric;
    private Process controller;
    private final List<Process> servers = new ArrayList<>();
    private final RestClient rest = RestClient.local(8080);
    private int starts;

    /** The switches under test. */
    abstract Fabric fabric(Lab lab);

    /**
     * Whether the switches report their SELECT groups' connections (flow-switch does; Open
     * vSwitch's groups hold none), so a proactive VIP's members show connection counts.
     */
    boolean reportsConnections() {
        return false;
    }

    @BeforeEach
    void start() throws Exception {
        Lab.requireSandbox();
        lab = new Lab();
        fabric = fabric(lab);
        startController();
        fabric.bridge("br1", 1, 6653);
        for (int i = 1; i <= 3; i++) {
            fabric.host("h" + i, "10.0.0." + i + "/24", "br1", i);
        }
        fabric.host("c1", "10.0.0.10/24", "br1", 10);
        fabric.start();
        assertThat(Lab.await(WAIT, () -> rest.get("/api/v1/switches").body().contains("00:00:00:00:00:00:00:01")))
                .as("the switch is listed by the REST API").isTrue();
        for (int i = 1; i <= 3; i++) {
            Path www = Files.createDirectories(tmp.resolve("www-h" + i));
            Files.writeString(www.resolve("index.html"), "h" + i + "\n");
            servers.add(new ProcessBuilder("ip", "netns", "exec", "h" + i, "/usr/bin/python3", "-m", "http.server",
                    "80", "--bind", "10.0.0." + i, "--directory", www.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
    }

    @AfterEach
    void stop() throws Exception {
        servers.forEach(Process::destroyForcibly);
        if (controller != null) {
            controller.destroy();
            if (!controller.waitFor(15, TimeUnit.SECONDS)) {
                controller.destroyForcibly();
            }
        }
        if (fabric != null) {
            fabric.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** {@code ./flowlb controller} with the control VIP and a state directory of this test; waits for REST. */
    private void startController() throws Exception {
        assumeTrue(Files.isExecutable(LAUNCHER), "the flowlb launcher is at the repository root");
        Path log = tmp.resolve("controller-" + (++starts) + ".log");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "controller", "--control-vip", CONTROL_VIP + "/24",
                "--state-dir", tmp.resolve("state").toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FLOWLB_NO_BUILD", "1");
        controller = pb.start();
        boolean up = Lab.await(Duration.ofSeconds(60), () -> {
            try {
                return controller.isAlive() && rest.get("/api/v1/vips").status() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        assertThat(up).as("the controller answers on 8080: %s", read(log)).isTrue();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A VIP 10.0.0.100:80 over the three servers, made through the REST API. */
    private void webVip() {
        rest.ok("POST", "/api/v1/pools", "{\"id\":\"web\",\"algorithm\":\"round_robin\"}");
        rest.ok("POST", "/api/v1/vips", "{\"id\":\"v1\",\"address\":\"" + VIP + "\",\"protocol\":\"tcp\",\"port\":80,"
                + "\"pool_id\":\"web\"}");
        for (int i = 1; i <= 3; i++) {
            rest.ok("POST", "/api/v1/members", "{\"id\":\"m" + i + "\",\"pool_id\":\"web\",\"address\":\"10.0.0." + i
                    + "\",\"port\":80}");
        }
    }

    /** {@code n} requests from the client to the VIP, one connection each: answers by server. */
    private static Map<String, Integer> requests(int n) {
        Lab.Result r = Lab.run(List.of("ip", "netns", "exec", "c1", "sh", "-c", "for i in $(seq 1 " + n + "); do"
                + " curl -s -m 3 http://" + VIP + "/ || echo failed; done"));
        Map<String, Integer> by = new TreeMap<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                by.merge(line.trim(), 1, Integer::sum);
            }
        }
        return by;
    }

    private static boolean vipAnswers() {
        return Lab.run(List.of("ip", "netns", "exec", "c1", "curl", "-s", "-m", "2", "http://" + VIP + "/")).out()
                .startsWith("h");
    }

    @Test
    void aVipMadeThroughRestBalancesRealRequestsAndEveryViewShowsItsMembers() throws Exception {
        webVip();
        assertThat(Lab.await(WAIT, ControllerScenarios::vipAnswers)).as("the VIP answers").isTrue();

        // One connection per request from a new source port: each server's count is binomial, not
        // exactly a third (Open vSwitch maps the hash onto a small table of slots, so even equal
        // buckets differ a little). 150 requests and a floor of a sixth keep a server that gets its
        // share from ever failing here (below the floor is more than 3.5 standard deviations off)
        // while a server left out, or given a small part, still fails.
        Map<String, Integer> answers = requests(150);

        assertThat(answers).as("answers by server").containsOnlyKeys("h1", "h2", "h3");
        answers.values().forEach(n -> assertThat(n).as("each server's part of 150: %s", answers).isGreaterThan(25));
        assertThat(Lab.await(WAIT, () -> {
            JsonNode members = rest.get("/api/v1/vips/v1/distribution").json().get("members");
            boolean all = members.size() == 3;
            for (JsonNode m : members) {
                all &= m.get("share").asDouble() > 0 && m.get("packets_in").asLong() > 0;
            }
            return all;
        })).as("every member has a share and counted packets: %s", rest.get("/api/v1/vips/v1/distribution").body())
                .isTrue();
        if (reportsConnections()) {
            assertThat(Lab.await(WAIT, () -> {
                boolean all = true;
                for (JsonNode m : rest.get("/api/v1/vips/v1/distribution").json().get("members")) {
                    all &= m.get("total_connections").asLong() > 0;
                }
                return all;
            })).as("every member counts the connections the switch placed on it: %s",
                    rest.get("/api/v1/vips/v1/distribution").body()).isTrue();
            assertThat(rest.get("/metrics").body()).containsPattern(
                    "flowlb_member_connections_total\\{vip=\"v1\",pool=\"web\",member=\"m1\"} [1-9]");
        }
        String metrics = rest.get("/metrics").body();
        for (int i = 1; i <= 3; i++) {
            String member = "vip=\"v1\",pool=\"web\",member=\"m" + i + "\"";
            assertThat(metrics).contains("flowlb_member_share{" + member + "}")
                    .containsPattern(Pattern.quote("flowlb_member_packets_total{" + member + ",direction=\"in\"} ")
                            + "[1-9]");
        }
        assertThat(metrics).containsPattern("flowlb_switch_flows\\{dpid=\"00:00:00:00:00:00:00:01\"} [1-9]");
        Lab.Result viaControlVip = Lab.run(List.of("ip", "netns", "exec", "c1", "curl", "-s", "-m", "5",
                "http://" + CONTROL_VIP + ":8080/api/v1/vips"));
        assertThat(viaControlVip.out()).as("the REST API through the control VIP").contains("\"id\":\"v1\"");
        dashboardShowsTheMembers();
    }

    private void dashboardShowsTheMembers() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println(getClass().getSimpleName() + ": chromium is not installed; the dashboard is not checked");
            return;
        }
        Path profile = Files.createTempDirectory(tmp, "chromium");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--user-data-dir=" + profile,
                "--virtual-time-budget=5000", "--dump-dom", "http://127.0.0.1:8080/")
                .redirectOutput(tmp.resolve("dom.html").toFile()).redirectError(tmp.resolve("chromium.err").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finishes").isTrue();
        String dom = read(tmp.resolve("dom.html"));
        Matcher chart = Pattern.compile("<svg[^>]*class=\"share-chart\"[^>]*data-vip=\"v1\"[^>]*>(.*?)</svg>",
                Pattern.DOTALL).matcher(dom);
        assertThat(chart.find()).as("the dashboard's chart of v1: %s", dom).isTrue();
        assertThat(chart.group(1)).contains("data-member=\"m1\"", "data-member=\"m2\"", "data-member=\"m3\"");
    }

    @Test
    void aControllerKilledWithSigkillComesBackWithItsConfigurationAndPutsTheFlowsBack() throws Exception {
        webVip();
        rest.ok("PUT", "/api/v1/members/m3/weight", "{\"weight\":5}");
        assertThat(Lab.await(WAIT, ControllerScenarios::vipAnswers)).as("the VIP answers").isTrue();
        JsonNode before = rest.get("/api/v1/config").json();

        controller.destroyForcibly();
        assertThat(controller.waitFor(20, TimeUnit.SECONDS)).isTrue();
        fabric.clear("br1");
        assertThat(vipAnswers()).as("no flows, no controller: the VIP is dark").isFalse();
        startController();

        assertThat(rest.get("/api/v1/config").json()).isEqualTo(before);
        assertThat(Lab.await(WAIT, ControllerScenarios::vipAnswers)).as("the VIP answers again").isTrue();
        assertThat(fabric.flows("br1")).contains("nw_dst=" + VIP);
        assertThat(requests(30)).containsOnlyKeys("h1", "h2", "h3");
    }
}
