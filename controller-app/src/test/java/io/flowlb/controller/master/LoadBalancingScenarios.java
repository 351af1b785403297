package io.flowlb.controller.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.Controller;
import io.flowlb.controller.config.ControllerConfig;
import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.openflow.Dpid;
import io.flowlb.controller.pseudo.Fabric;
import io.flowlb.controller.pseudo.PseudoConfig;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance scenarios of the resource manager and master module end to end, inside
 * scripts/sandbox: one VIP (10.0.0.100:80, NAT) over three HTTP servers in namespaces, a client
 * in a fourth, the switches of the subclass's {@link Fabric}, the LB application installing the
 * distribution, and the controller host reaching the servers only through its pseudo-interface
 * (control VIP 10.0.0.254): health checks and agent reports cross the switches as PACKET_OUT and
 * PACKET_IN. The client counts which server answers each new connection.
 */
abstract class LoadBalancingScenarios {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final PoolId WEB = PoolId.of("web");
    private static final String CONTROL_VIP = "10.0.0.254";

    @TempDir
    Path tmp;
    private Controller controller;
    private Lab lab;
    private Fabric fabric;
    private LbStack stack;
    private ClientLoop client;
    private ServerHosts hosts;

    abstract Fabric fabric(Lab lab);

    @BeforeEach
    void start() throws Exception {
        Lab.requireSandbox();
        lab = new Lab();
        hosts = new ServerHosts(tmp);
        fabric = fabric(lab);
        ControllerConfig c = LbStack.config(tmp.resolve("state"));
        controller = Controller.launch(c.withPseudo(
                PseudoConfig.parse(true, PseudoConfig.DEFAULT_INTERFACE, CONTROL_VIP + "/24", null, null,
                        PseudoConfig.DEFAULT_MTU)));
        assertThat(controller.pseudoInterface()).as("the pseudo-interface runs (root, control VIP)").isNotNull();
        fabric.bridge("br1", 1, controller.openflowPorts().get(0));
        for (int i = 1; i <= 3; i++) {
            fabric.host("h" + i, "10.0.0." + i + "/24", "br1", i);
        }
        fabric.host("c1", "10.0.0.10/24", "br1", 10);
        fabric.start();
        assertThat(Lab.await(WAIT, () -> controller.switchService().isConnected(Dpid.of(1)))).isTrue();
        stack = new LbStack(controller);
        for (int i = 1; i <= 3; i++) {
            hosts.start(i);
        }
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (hosts != null) {
            hosts.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (fabric != null) {
            fabric.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** Waits until the client has had {@code n} answers in a row from all three servers. */
    private void awaitServing() throws Exception {
        client = new ClientLoop("c1", "10.0.0.100", 80, tmp);
        assertThat(Lab.await(WAIT, () -> {
            try {
                List<ClientLoop.Sample> s = client.samples();
                List<ClientLoop.Sample> last = s.subList(Math.max(0, s.size() - 60), s.size());
                return last.size() == 60 && last.stream().allMatch(ClientLoop.Sample::ok)
                        && last.stream().map(ClientLoop.Sample::what).distinct().count() == 3;
            } catch (Exception e) {
                return false;
            }
        })).as("the client gets answers from all three servers through the VIP").isTrue();
    }

    @Test
    void killingOneServersHttpProcessMovesNewConnectionsOffItWithinTwoSecondsWithoutErrorsElsewhere()
            throws Exception {
        stack.webPool("round_robin", true, 0);
        assertThat(Lab.await(WAIT, () -> stack.allUp(WEB)))
                .as("health checks reach every server through the pseudo-interface").isTrue();
        awaitServing();
        Process capture = hosts.spawn("h2", "sh", "-c", "exec tcpdump -i h2-eth0 -n -tt -l "
                + "'tcp[tcpflags] & tcp-syn != 0 and src host 10.0.0.10 and dst port 80' > "
                + tmp.resolve("h2-syns.txt") + " 2>/dev/null");
        Thread.sleep(1_000);

        long killedAt = System.currentTimeMillis();
        hosts.kill(2);
        Thread.sleep(4_000);
        long end = System.currentTimeMillis();
        capture.destroy();
        capture.waitFor();

        long lastSynToDead = lastTimestampMillis(tmp.resolve("h2-syns.txt"));
        Set<Integer> toDead = clientPorts(tmp.resolve("h2-syns.txt"));
        List<ClientLoop.Sample> after = client.between(killedAt, end);
        List<ClientLoop.Sample> errors = after.stream().filter(s -> !s.ok()).toList();
        long lastError = errors.stream().mapToLong(ClientLoop.Sample::atMillis).max().orElse(killedAt);
        System.out.printf("%s: after the kill, the dead server saw its last new client connection %d ms later; "
                + "%d of %d client connections failed (refused), the last %d ms after the kill%n",
                getClass().getSimpleName(), lastSynToDead - killedAt, errors.size(), after.size(),
                lastError - killedAt);
        assertThat(lastSynToDead - killedAt).as("new connections moved off the dead server").isLessThan(2_000);
        assertThat(errors).as("only connections to the dead server fail (their SYNs reached it)")
                .allSatisfy(e -> assertThat(toDead).contains(e.clientPort()))
                .allSatisfy(e -> assertThat(e.atMillis()).isLessThan(killedAt + 2_000));
        List<ClientLoop.Sample> late = client.between(killedAt + 2_000, end);
        assertThat(late).isNotEmpty().allMatch(ClientLoop.Sample::ok);
        assertThat(late).extracting(ClientLoop.Sample::what).containsOnly("h1", "h3");

        hosts.start(2);
        assertThat(Lab.await(WAIT, () -> {
            try {
                return client.between(System.currentTimeMillis() - 1_000, Long.MAX_VALUE).stream()
                        .anyMatch(s -> s.ok() && s.what().equals("h2"));
            } catch (Exception e) {
                return false;
            }
        })).as("the restarted server gets connections again after its rise checks").isTrue();
    }

    @Test
    void serverReportingNinetyPercentCpuGetsLessThanHalfItsShareOfNewConnectionsWithinTwoReportIntervals()
            throws Exception {
        stack.webPool("least_load", false, 0);
        long interval = controller.config().master().reportIntervalMillis();
        awaitServing();
        for (int round = 0; round < 3; round++) {
            hosts.reportRound(CONTROL_VIP, stack.rest.port(), 20);
            Thread.sleep(interval);
        }
        long hotAt = System.currentTimeMillis();
        double before = ClientLoop.share(client.between(hotAt - 2 * interval, hotAt), "h1");

        hosts.reportRound(CONTROL_VIP, stack.rest.port(), 90);
        Thread.sleep(interval);
        hosts.reportRound(CONTROL_VIP, stack.rest.port(), 90);
        long secondReport = System.currentTimeMillis();
        assertThat(secondReport - hotAt).isLessThan(2 * interval);
        long twoIntervals = hotAt + 2 * interval;
        Thread.sleep(twoIntervals + 3_000 - System.currentTimeMillis());
        List<ClientLoop.Sample> window = client.between(twoIntervals, twoIntervals + 3_000);
        double after = ClientLoop.share(window, "h1");
        StringBuilder timeline = new StringBuilder();
        for (long t = hotAt - 1_000; t < twoIntervals + 3_000; t += 500) {
            List<ClientLoop.Sample> bucket = client.between(t, t + 500);
            timeline.append(String.format(" %+d:%.2f/%d", t - hotAt, ClientLoop.share(bucket, "h1"), bucket.size()));
        }
        System.out.printf("%s: share of new connections of the 90%% CPU server %.3f before, %.3f in the 3 s after two"
                + " report intervals (%d connections; published share %.3f); per 500 ms from the first 90%% report"
                + " (ms:share/connections):%s%n", getClass().getSimpleName(), before, after, window.size(),
                stack.last(WEB).share(MemberId.of("m1")), timeline);
        assertThat(before).isBetween(0.25, 0.42);
        assertThat(window.size()).isGreaterThan(100);
        assertThat(after).isLessThan(before / 2);
        assertThat(window).allMatch(ClientLoop.Sample::ok);
    }

    /** The time of the last line of a {@code tcpdump -tt} capture, in milliseconds. */
    /** The client ports of the SYNs in a {@code tcpdump -n} capture ({@code TIME IP a.b.c.d.PORT > ...}). */
    private static Set<Integer> clientPorts(Path capture) throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (String line : Files.readAllLines(capture)) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[1].equals("IP")) {
                ports.add(Integer.parseInt(f[2].substring(f[2].lastIndexOf('.') + 1)));
            }
        }
        return ports;
    }

    private static long lastTimestampMillis(Path capture) throws Exception {
        long last = 0;
        for (String line : Files.readAllLines(capture)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                last = Math.max(last, Math.round(Double.parseDouble(line.substring(0, space)) * 1000));
            }
        }
        return last;
    }
}
