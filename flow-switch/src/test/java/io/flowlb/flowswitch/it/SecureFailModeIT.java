package io.flowlb.flowswitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.FlowSwitch;
import io.flowlb.flowswitch.ofagent.SwitchAgent;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fail mode secure: a NAT VIP installed while ovs-testcontroller drives the switch keeps serving
 * after the controller is gone, and the switch's own applications answer ARP and ping for the
 * VIP (flows to app-arp and app-icmp), with no packet-in sent to anyone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureFailModeIT {
    private static final int LISTEN = 6634;
    private static final String VIP = "10.8.4.100";
    private static final String VIP_MAC = "02:00:00:00:04:64";
    private SwitchLab lab;
    private FlowSwitch sw;
    private Process controller;

    @BeforeAll
    void start() throws Exception {
        lab = new SwitchLab("fm", 4, 3);
        controller = lab.spawnHere("ovs-testcontroller", "ptcp:6653:127.0.0.1");
        sw = lab.startSwitch("--controller", "tcp:127.0.0.1:6653", "--listen", "ptcp:" + LISTEN, "--fail-mode",
                "secure");
        assertThat(SwitchLab.eventually(10_000, () -> agent(SwitchAgent::connectedControllers) == 1)).isTrue();
        for (int b = 2; b <= 3; b++) {
            lab.in(b, "ip", "neigh", "replace", lab.ip(1), "lladdr", lab.mac(1), "dev", "eth0", "nud", "permanent");
            lab.spawn(b, LabScripts.PYTHON, "-c", LabScripts.NAME_SERVER, "8080", "h" + b);
        }
        StringBuilder group = new StringBuilder("group_id=1,type=select");
        for (int b = 2; b <= 3; b++) {
            group.append(",bucket=weight:10,actions=set_field:").append(lab.mac(b)).append("->eth_dst,set_field:")
                    .append(lab.ip(b)).append("->ip_dst,output:").append(b);
        }
        ok(lab.ofctl(LISTEN, "add-group", group.toString()));
        ok(lab.ofctl(LISTEN, "add-flow", "priority=40000,tcp,in_port=1,nw_dst=" + VIP + ",tp_dst=8080,actions=group:1"));
        for (int b = 2; b <= 3; b++) {
            ok(lab.ofctl(LISTEN, "add-flow", "priority=40000,tcp,in_port=" + b + ",nw_src=" + lab.ip(b)
                    + ",tp_src=8080,actions=set_field:" + VIP + "->ip_src,set_field:" + VIP_MAC + "->eth_src,output:1"));
        }
        ok(lab.ofctl(LISTEN, "add-flow", "priority=40000,arp,arp_op=1,arp_tpa=" + VIP + ",actions=set_field:" + VIP_MAC
                + "->eth_src,output:app-arp"));
        ok(lab.ofctl(LISTEN, "add-flow", "priority=40000,icmp,nw_dst=" + VIP + ",icmp_type=8,actions=output:app-icmp"));

        controller.destroy();
        assertThat(controller.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(SwitchLab.eventually(10_000, () -> agent(SwitchAgent::connectedControllers) == 0))
                .as("the switch noticed the controller is gone").isTrue();
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Reads the agent's state on its own thread. */
    private long agent(ToLongFunction<SwitchAgent> read) {
        try {
            return sw.agent().loop().submit(() -> read.applyAsLong(sw.switchAgent())).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String ok(SwitchLab.Result r) {
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output();
    }

    @Test
    void theVipKeepsServingAndItsArpAndPingAreAnsweredByTheSwitch() {
        long packetInsBefore = agent(SwitchAgent::packetInsSent);
        lab.in(1, "ip", "neigh", "flush", "dev", "eth0");

        SwitchLab.Result ping = lab.tryIn(1, 20, "ping", "-c", "3", "-i", "0.2", "-W", "2", VIP);
        assertThat(ping.exitCode()).as(ping.output()).isZero();
        assertThat(lab.in(1, "ip", "neigh", "show", VIP)).contains(VIP_MAC);

        String names = ok(lab.tryIn(1, 60, LabScripts.PYTHON, "-c", LabScripts.NAME_CLIENT, VIP, "8080", "20"));
        assertThat(names.lines().filter(l -> !l.isBlank())).hasSize(20).allMatch(n -> n.equals("h2") || n.equals("h3"));

        Map<String, Long> counters = sw.datapath().counters();
        assertThat(counters.get("app_arp_replies")).as(counters.toString()).isPositive();
        assertThat(counters.get("app_icmp_replies")).as(counters.toString()).isGreaterThanOrEqualTo(3);
        assertThat(agent(SwitchAgent::packetInsSent)).as("no PACKET_IN sent").isEqualTo(packetInsBefore);
    }
}
