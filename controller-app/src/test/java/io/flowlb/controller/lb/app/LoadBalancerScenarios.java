package io.flowlb.controller.lb.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lab.Lab;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The LB application driving a real switch (the subclass says which) with a client and three
 * nginx servers in namespaces: weighted spread of real HTTP connections, weight changes, drain
 * with a long-lived download, and DSR with servers holding the VIP on loopback. Root, inside
 * {@code scripts/sandbox}.
 */
abstract class LoadBalancerScenarios extends LbLabScenarios {
    static final String VIP = "10.0.0.100";
    static final PoolId POOL = PoolId.of("web");
    static final List<String> SERVERS = List.of("s1", "s2", "s3");

    @Override
    void hosts() throws Exception {
        lab.host("client", "10.0.0.1/24", 1);
        for (int i = 0; i < SERVERS.size(); i++) {
            lab.host(SERVERS.get(i), "10.0.0.1" + (i + 1) + "/24", i + 2);
            lab.nginx(SERVERS.get(i), SERVERS.get(i));
        }
    }

    void configure(ForwardingMode mode, int memberPort, int... weights) throws Exception {
        Vip vip = Vip.of(VipId.of("web"), IpAddress.parse(VIP), Protocol.TCP, 80).withMode(mode).withPool(POOL);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < SERVERS.size(); i++) {
            members.add(Member.of(MemberId.of(SERVERS.get(i)), POOL, IpAddress.parse("10.0.0.1" + (i + 1)), memberPort)
                    .withWeight(weights[i]));
        }
        lab.lb.replaceConfig(LbConfig.of(List.of(vip), List.of(Pool.of(POOL).withAlgorithm(
                io.flowlb.loadbalancer.model.Algorithm.WEIGHTED)), members, List.of(), List.of()))
                .get(10, TimeUnit.SECONDS);
        assertThat(lab.bucketsInstalled(1, 3)).as("three buckets: %s", lab.groups()).isTrue();
    }

    /** {@code n} sequential HTTP connections from the client; how many each server answered. */
    static Map<String, Integer> requests(int n) {
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < n; i++) {
            count.merge(LbLab.get("client", "http://" + VIP + "/"), 1, Integer::sum);
        }
        return count;
    }

    static void assertSpread(Map<String, Integer> got, int n, double... shares) {
        assertThat(got).as("every request answered").doesNotContainKey("");
        for (int i = 0; i < SERVERS.size(); i++) {
            double share = got.getOrDefault(SERVERS.get(i), 0) / (double) n;
            assertThat(share).as("share of %s in %s", SERVERS.get(i), got).isCloseTo(shares[i],
                    org.assertj.core.data.Offset.offset(0.10));
        }
    }

    @Test
    void natSpreadsConnectionsByWeightAndFollowsAWeightChange() throws Exception {
        configure(ForwardingMode.NAT, 8080, 1, 2, 3);

        // 600 connections: Open vSwitch maps its hash onto a table of at least 16 slots, so its
        // shares are a few points off the weights; with 600 that offset plus chance stays well
        // inside 10 points (300 left it under 3 standard deviations).
        assertSpread(requests(600), 600, 1 / 6.0, 2 / 6.0, 3 / 6.0);

        lab.lb.setMemberWeight(MemberId.of("s1"), 6).get(10, TimeUnit.SECONDS);
        lab.lb.setMemberWeight(MemberId.of("s3"), 1).get(10, TimeUnit.SECONDS);
        assertThat(Lab.await(Duration.ofSeconds(5), () -> lab.weights().contains(6))).isTrue();

        assertSpread(requests(600), 600, 6 / 9.0, 2 / 9.0, 1 / 9.0);
    }

    @Test
    void aDrainedMemberKeepsItsLongDownloadAndGetsNoNewConnections() throws Exception {
        configure(ForwardingMode.NAT, 8080, 1, 1, 1);
        Path headers = dir.resolve("headers.txt");
        Process download = lab.start("client", "curl", "-s", "-o", "/dev/null", "-D", headers.toString(),
                "--limit-rate", "40k", "-w", "%{size_download}", "-m", "60", "http://" + VIP + "/big/file");
        assertThat(Lab.await(Duration.ofSeconds(5), () -> serverIn(headers) != null)).isTrue();
        String drained = serverIn(headers);

        lab.lb.setMemberAdminState(MemberId.of(drained), AdminState.DRAIN).get(10, TimeUnit.SECONDS);
        Thread.sleep(500);

        Map<String, Integer> fresh = requests(60);
        assertThat(fresh).as("new connections avoid %s", drained).doesNotContainKey(drained).doesNotContainKey("");
        assertThat(download.waitFor(40, TimeUnit.SECONDS)).as("the download finishes").isTrue();
        assertThat(download.exitValue()).as("curl exit status").isZero();
        assertThat(new String(download.getInputStream().readAllBytes()).trim()).isEqualTo(String.valueOf(600 * 1024));
    }

    private static String serverIn(Path headers) {
        try {
            for (String line : Files.readAllLines(headers)) {
                if (line.toLowerCase().startsWith("x-server:")) {
                    return line.substring(9).trim();
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }

    @Test
    void dsrRepliesComeFromTheVipAndTheSwitchRewritesOnlyTheDestinationMac() throws Exception {
        for (String s : SERVERS) {
            LbLab.in(s, "ip", "addr", "add", VIP + "/32", "dev", "lo");
            LbLab.in(s, "sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=1");
            LbLab.in(s, "sysctl", "-q", "-w", "net.ipv4.conf.all.arp_announce=2");
        }
        configure(ForwardingMode.DSR, 0, 1, 1, 1);
        Path clientCap = dir.resolve("client.pcap");
        List<Path> serverCaps = new ArrayList<>();
        List<Process> captures = new ArrayList<>();
        captures.add(lab.start("client", "tcpdump", "-i", "client-eth0", "-U", "-w", clientCap.toString(),
                "tcp", "port", "80"));
        for (String s : SERVERS) {
            Path cap = dir.resolve(s + ".pcap");
            serverCaps.add(cap);
            captures.add(lab.start(s, "tcpdump", "-i", s + "-eth0", "-U", "-w", cap.toString(), "tcp", "port", "80"));
        }
        Thread.sleep(1500);

        Map<String, Integer> got = requests(30);
        assertThat(got).doesNotContainKey("").hasSize(3);

        Thread.sleep(500);
        for (Process p : captures) {
            LbLab.run("client", "kill", "-INT", String.valueOf(p.pid()));
            p.waitFor(5, TimeUnit.SECONDS);
        }
        String clientSide = lab.output("tcpdump", "-nn", "-e", "-r", clientCap.toString());
        List<String> replies = clientSide.lines().filter(l -> l.contains(VIP + ".80 > 10.0.0.1.")).toList();
        assertThat(replies).as("replies reach the client from the VIP").hasSizeGreaterThan(30);
        for (int i = 0; i < SERVERS.size(); i++) {
            String serverSide = lab.output("tcpdump", "-nn", "-e", "-r", serverCaps.get(i).toString());
            String serverMac = lab.mac(SERVERS.get(i));
            List<String> requests = serverSide.lines().filter(l -> l.contains("> " + VIP + ".80:")).toList();
            assertThat(requests).as("%s got requests for the VIP", SERVERS.get(i)).isNotEmpty().allSatisfy(l -> {
                assertThat(l).as("destination MAC rewritten to the server's").contains("> " + serverMac);
                assertThat(l).as("source MAC still the client's").contains(lab.mac("client") + " > ");
            });
        }
    }
}
