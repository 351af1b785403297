package io.flowlb.controller.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lab.Lab;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ICMP probes through both kinds of socket, inside scripts/sandbox (whose network namespace has
 * its own {@code net.ipv4.ping_group_range}): the raw socket a privileged controller falls back
 * to, and the unprivileged ping socket it prefers when the system allows it; IPv4 and IPv6;
 * an address nobody answers times out.
 */
class IcmpProbeIT {
    private static final Monitor ICMP = Monitor.of(MonitorId.of("icmp"), MonitorType.ICMP).withTiming(1_000, 500);
    private String savedRange;

    @BeforeEach
    void sandbox() {
        Lab.requireSandbox();
        savedRange = Lab.sh("sysctl", "-n", "net.ipv4.ping_group_range").trim().replaceAll("\\s+", " ");
    }

    @AfterEach
    void restore() {
        if (savedRange != null) {
            Lab.run(List.of("sysctl", "-w", "net.ipv4.ping_group_range=" + savedRange));
        }
    }

    private static void pingRange(String range) {
        Lab.sh("sysctl", "-w", "net.ipv4.ping_group_range=" + range);
    }

    /** Both loopback addresses answer, through sockets of {@code kind} ("ping" or "raw"). */
    private static void loopbackAnswersThrough(String kind) throws Exception {
        try (SocketProber prober = new SocketProber(null)) {
            for (String address : List.of("127.0.0.1", "::1")) {
                assertThat(prober.probe(ICMP, InetAddress.getByName(address), 0).outcome()).as(address)
                        .isEqualTo(ProbeResult.Outcome.OK);
                assertThat(prober.icmpSocketKind(address.contains(":"))).as(address).isEqualTo(kind);
            }
        }
    }

    @Test
    void pingSocketIsUsedWhenTheGroupRangeAllowsItForBothFamilies() throws Exception {
        pingRange("0 2147483647");
        loopbackAnswersThrough("ping");
    }

    @Test
    void rawSocketIsTheFallbackOfAPrivilegedControllerWithoutPingSockets() throws Exception {
        pingRange("1 0");
        loopbackAnswersThrough("raw");
    }

    @Test
    void addressThatNobodyAnswersTimesOutWithinTheMonitorsTimeout() throws Exception {
        Lab.sh("ip", "link", "add", "icmpt0", "type", "veth", "peer", "name", "icmpt1");
        try {
            Lab.sh("ip", "addr", "add", "192.0.2.1/24", "dev", "icmpt0");
            Lab.sh("ip", "link", "set", "icmpt0", "up");
            Lab.sh("ip", "link", "set", "icmpt1", "up");
            for (String range : List.of("0 2147483647", "1 0")) {
                pingRange(range);
                try (SocketProber prober = new SocketProber(null)) {
                    ProbeResult r = prober.probe(ICMP, InetAddress.getByName("192.0.2.77"), 0);
                    assertThat(r.outcome()).as("with ping_group_range %s", range).isIn(ProbeResult.Outcome.TIMEOUT,
                            ProbeResult.Outcome.UNREACHABLE);
                    assertThat(r.latencyMillis()).isLessThan(1_000);
                }
            }
        } finally {
            Lab.run(List.of("ip", "link", "del", "icmpt0"));
        }
    }
}
