package io.flowlb.controller.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowlb.controller.rest.HarnessTest;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Floodlight's Load Balancer wiki sequence, run verbatim with the real curl (only the port is
 * changed) against the real server, then the resulting configuration checked.
 */
class FloodlightCurlTest extends HarnessTest {
    /** The wiki's commands (Mininet --topo single,8: hosts 10.0.0.1-8), exactly as published. */
    static final List<String> WIKI = List.of(
            "curl -X POST -d '{\"id\":\"1\",\"name\":\"vip1\",\"protocol\":\"icmp\",\"address\":\"10.0.0.100\",\"port\":\"8\"}' http://localhost:8080/quantum/v1.0/vips/",
            "curl -X POST -d '{\"id\":\"1\",\"name\":\"pool1\",\"protocol\":\"icmp\",\"vip_id\":\"1\"}' http://localhost:8080/quantum/v1.0/pools/",
            "curl -X POST -d '{\"id\":\"1\",\"address\":\"10.0.0.3\",\"port\":\"8\",\"pool_id\":\"1\"}' http://localhost:8080/quantum/v1.0/members/",
            "curl -X POST -d '{\"id\":\"2\",\"address\":\"10.0.0.4\",\"port\":\"8\",\"pool_id\":\"1\"}' http://localhost:8080/quantum/v1.0/members/",
            "curl -X POST -d '{\"id\":\"2\",\"name\":\"vip2\",\"protocol\":\"tcp\",\"address\":\"10.0.0.200\",\"port\":\"100\"}' http://localhost:8080/quantum/v1.0/vips/",
            "curl -X POST -d '{\"id\":\"2\",\"name\":\"pool2\",\"protocol\":\"tcp\",\"vip_id\":\"2\"}' http://localhost:8080/quantum/v1.0/pools/",
            "curl -X POST -d '{\"id\":\"3\",\"address\":\"10.0.0.5\",\"port\":\"100\",\"pool_id\":\"2\"}' http://localhost:8080/quantum/v1.0/members/",
            "curl -X POST -d '{\"id\":\"4\",\"address\":\"10.0.0.6\",\"port\":\"100\",\"pool_id\":\"2\"}' http://localhost:8080/quantum/v1.0/members/",
            "curl -X POST -d '{\"id\":\"3\",\"name\":\"vip3\",\"protocol\":\"udp\",\"address\":\"10.0.0.150\",\"port\":\"200\"}' http://localhost:8080/quantum/v1.0/vips/",
            "curl -X POST -d '{\"id\":\"3\",\"name\":\"pool3\",\"protocol\":\"udp\",\"vip_id\":\"3\"}' http://localhost:8080/quantum/v1.0/pools/",
            "curl -X POST -d '{\"id\":\"5\",\"address\":\"10.0.0.7\",\"port\":\"200\",\"pool_id\":\"3\"}' http://localhost:8080/quantum/v1.0/members/",
            "curl -X POST -d '{\"id\":\"6\",\"address\":\"10.0.0.8\",\"port\":\"200\",\"pool_id\":\"3\"}' http://localhost:8080/quantum/v1.0/members/");

    /** Runs one command line with sh, as a user's terminal would; answers its standard output. */
    static String sh(String command, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("curl.out");
        Process p = new ProcessBuilder("sh", "-c", command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("curl finished: " + command).isTrue();
        assertThat(p.exitValue()).as("curl exit status of " + command).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    static boolean hasCurl() {
        return Files.isExecutable(Path.of("/usr/bin/curl"));
    }

    @Test
    void floodlightWikiSequenceBuildsThreeBalancedServices() throws Exception {
        assumeTrue(hasCurl(), "curl is not installed (Debian package curl)");
        List<String> answers = new ArrayList<>();
        for (String command : WIKI) {
            answers.add(sh(command.replace("localhost:8080", "localhost:" + h.server.port()), dir));
        }
        // Floodlight's answers: the object as its serializers write it.
        assertThat(h.mapper.readTree(answers.get(0)).get("protocol").asText()).isEqualTo("1");
        assertThat(h.mapper.readTree(answers.get(1)).get("vipId").asText()).isEqualTo("1");
        assertThat(h.mapper.readTree(answers.get(2)).get("poolId").asText()).isEqualTo("1");

        LbConfig c = h.lb.config();
        assertThat(c.vips()).hasSize(3);
        assertVip(c.vip(VipId.of("1")), "10.0.0.100", Protocol.ICMP, 0, "1");
        assertVip(c.vip(VipId.of("2")), "10.0.0.200", Protocol.TCP, 100, "2");
        assertVip(c.vip(VipId.of("3")), "10.0.0.150", Protocol.UDP, 200, "3");
        assertThat(c.pools()).hasSize(3);
        assertThat(c.pool(PoolId.of("1")).name()).isEqualTo("pool1");
        assertThat(c.members()).hasSize(6);
        assertMember(c.member(MemberId.of("1")), "1", "10.0.0.3", 0);
        assertMember(c.member(MemberId.of("2")), "1", "10.0.0.4", 0);
        assertMember(c.member(MemberId.of("3")), "2", "10.0.0.5", 100);
        assertMember(c.member(MemberId.of("4")), "2", "10.0.0.6", 100);
        assertMember(c.member(MemberId.of("5")), "3", "10.0.0.7", 200);
        assertMember(c.member(MemberId.of("6")), "3", "10.0.0.8", 200);

        // And the same configuration is what Floodlight's reads show.
        assertThat(h.mapper.readTree(sh("curl -s http://localhost:" + h.server.port() + "/quantum/v1.0/pools/2/members/",
                dir))).extracting(n -> n.get("address").asText()).containsExactlyInAnyOrder("10.0.0.5", "10.0.0.6");
    }

    @Test
    void runningTheSequenceTwiceChangesNothing() throws Exception {
        assumeTrue(hasCurl(), "curl is not installed (Debian package curl)");
        for (String command : WIKI) {
            sh(command.replace("localhost:8080", "localhost:" + h.server.port()), dir);
        }
        LbConfig first = h.lb.config();
        long version = h.lb.version();
        for (String command : WIKI) {
            sh(command.replace("localhost:8080", "localhost:" + h.server.port()), dir);
        }
        assertThat(h.lb.config()).isEqualTo(first);
        assertThat(h.lb.version()).isEqualTo(version);
    }

    private static void assertVip(Vip v, String address, Protocol protocol, int port, String pool) {
        assertThat(v.address()).isEqualTo(IpAddress.parse(address));
        assertThat(v.protocol()).isEqualTo(protocol);
        assertThat(v.port()).isEqualTo(port);
        assertThat(v.mode()).isEqualTo(ForwardingMode.NAT);
        assertThat(v.poolId()).isEqualTo(PoolId.of(pool));
    }

    private static void assertMember(Member m, String pool, String address, int port) {
        assertThat(m.poolId()).isEqualTo(PoolId.of(pool));
        assertThat(m.address()).isEqualTo(IpAddress.parse(address));
        assertThat(m.port()).isEqualTo(port);
        assertThat(m.weight()).isEqualTo(Member.DEFAULT_WEIGHT);
    }
}
