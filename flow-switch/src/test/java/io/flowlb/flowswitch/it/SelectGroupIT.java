package io.flowlb.flowswitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.flowswitch.ofagent.OpenFlowTool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsEntry;
import org.projectfloodlight.openflow.protocol.OFBsnGenericStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.bsntlv.OFBsnTlvUint64List;
import org.projectfloodlight.openflow.types.U64;

/**
 * A NAT virtual IP installed with ovs-ofctl: a SELECT group whose weighted buckets rewrite the
 * destination MAC and IP to one of three back-ends (hosts 2..4, each running a TCP server that
 * answers with its name), and reverse flows that restore the VIP as the source of the replies.
 * Host 1 is the client. The switch's SELECT stage is the load balancer: new connections follow
 * the weights, established ones keep their back-end when the weights change, and a BSN generic
 * statistics request over OpenFlow reports the connections each bucket holds and has taken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelectGroupIT {
    private static final int LISTEN = 6634;
    private static final int SERVICE_PORT = 8080;
    private static final String VIP = "10.8.3.100";
    private static final String VIP_MAC = "02:00:00:00:03:64";
    private SwitchLab lab;

    @BeforeAll
    void start() throws Exception {
        lab = new SwitchLab("sg", 3, 4);
        lab.startSwitch("--listen", "ptcp:" + LISTEN, "--fail-mode", "secure");
        // Static neighbours: the test is about the SELECT stage, not about ARP.
        lab.in(1, "ip", "neigh", "replace", VIP, "lladdr", VIP_MAC, "dev", "eth0", "nud", "permanent");
        for (int b = 2; b <= 4; b++) {
            lab.in(b, "ip", "neigh", "replace", lab.ip(1), "lladdr", lab.mac(1), "dev", "eth0", "nud", "permanent");
            lab.spawn(b, LabScripts.PYTHON, "-c", LabScripts.NAME_SERVER, Integer.toString(SERVICE_PORT), "h" + b);
        }
        ok(lab.ofctl(LISTEN, "add-group", group("add-group", 50, 30, 20)));
        ok(lab.ofctl(LISTEN, "add-flow", "priority=100,tcp,in_port=1,nw_dst=" + VIP + ",tp_dst=" + SERVICE_PORT
                + ",actions=group:1"));
        for (int b = 2; b <= 4; b++) {
            ok(lab.ofctl(LISTEN, "add-flow", "priority=100,tcp,in_port=" + b + ",nw_src=" + lab.ip(b) + ",tp_src="
                    + SERVICE_PORT + ",actions=set_field:" + VIP + "->ip_src,set_field:" + VIP_MAC
                    + "->eth_src,output:1"));
        }
        assertThat(SwitchLab.eventually(15_000, () -> lab.tryIn(1, 10, LabScripts.PYTHON, "-c",
                LabScripts.NAME_CLIENT, VIP, Integer.toString(SERVICE_PORT), "1").ok()))
                .as("the VIP answers").isTrue();
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private String group(String command, int w2, int w3, int w4) {
        StringBuilder sb = new StringBuilder("group_id=1,type=select");
        int[] weights = {w2, w3, w4};
        for (int b = 2; b <= 4; b++) {
            sb.append(",bucket=weight:").append(weights[b - 2])
                    .append(",actions=set_field:").append(lab.mac(b)).append("->eth_dst")
                    .append(",set_field:").append(lab.ip(b)).append("->ip_dst")
                    .append(",output:").append(b);
        }
        return sb.toString();
    }

    private static String ok(SwitchLab.Result r) {
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output();
    }

    /** Opens {@code n} connections to the VIP one after the other; counts them per back-end. */
    private Map<String, Integer> connect(int n) {
        String out = ok(lab.tryIn(1, 180, LabScripts.PYTHON, "-c", LabScripts.NAME_CLIENT, VIP,
                Integer.toString(SERVICE_PORT), Integer.toString(n)));
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                counts.merge(line.trim(), 1, Integer::sum);
            }
        }
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as(out).isEqualTo(n);
        return counts;
    }

    @Test
    void newConnectionsFollowTheBucketWeightsAndKeepTheirBackendWhenWeightsChange() throws Exception {
        Map<String, Integer> counts = connect(300);
        System.out.println("300 connections over weights 50/30/20: " + counts);
        // Each share within 10 percentage points of its weight's share (50/30/20 of 300).
        assertThat(counts.getOrDefault("h2", 0)).as(counts.toString()).isBetween(120, 180);
        assertThat(counts.getOrDefault("h3", 0)).as(counts.toString()).isBetween(60, 120);
        assertThat(counts.getOrDefault("h4", 0)).as(counts.toString()).isBetween(30, 90);

        Process sticky = lab.spawn(1, LabScripts.PYTHON, "-c", LabScripts.STICKY_CLIENT, VIP,
                Integer.toString(SERVICE_PORT));
        BufferedReader replies = new BufferedReader(new InputStreamReader(sticky.getInputStream(),
                StandardCharsets.UTF_8));
        String first = replies.readLine();
        assertThat(first).isIn("h2", "h3", "h4");
        int drained = Integer.parseInt(first.substring(1));

        // Drain the established connection's back-end: weight 0 takes no new connections.
        int[] w = {40, 40, 40};
        w[drained - 2] = 0;
        ok(lab.ofctl(LISTEN, "mod-group", group("mod-group", w[0], w[1], w[2])));
        assertThat(ok(lab.ofctl(LISTEN, "dump-groups"))).contains("bucket=weight:0");

        OutputStream ask = sticky.getOutputStream();
        ask.write('\n');
        ask.flush();
        assertThat(replies.readLine()).as("the established connection stays on its back-end").isEqualTo(first);

        Map<String, Integer> after = connect(60);
        System.out.println("60 connections with " + first + " drained: " + after);
        assertThat(after).as("no new connection goes to the drained back-end").doesNotContainKey(first);
        assertThat(after.keySet()).hasSize(2);
    }

    @Test
    void selectConnectionsReportEachBucketsConnectionsOverOpenFlow() throws Exception {
        Map<String, Integer> counts = connect(30);
        List<Long> v;
        try (OpenFlowTool tool = OpenFlowTool.connect(LISTEN)) {
            List<OFStatsReply> replies = tool.multipart(OpenFlowTool.F13.buildBsnGenericStatsRequest().setXid(42)
                    .setName("flowlb.select_connections").setTlvs(List.of()).build());
            assertThat(replies).hasSize(1);
            List<OFBsnGenericStatsEntry> entries = ((OFBsnGenericStatsReply) replies.get(0)).getEntries();
            assertThat(entries).hasSize(1);
            v = ((OFBsnTlvUint64List) entries.get(0).getTlvs().get(0)).getValue().stream().map(U64::getValue)
                    .toList();
        }
        System.out.println("select_connections after 30 connections " + counts + ": " + v);
        assertThat(v.subList(0, 2)).containsExactly(1L, 3L);
        for (int b = 0; b < 3; b++) {
            int served = counts.getOrDefault("h" + (b + 2), 0);
            if (served > 0) {
                // Closed a moment ago: counted as placed, no longer active (still in the table, closing);
                // at most one connection another test of the class holds open may be active.
                assertThat(v.get(2 + 2 * b)).as("active of bucket " + b).isLessThanOrEqualTo(1L);
                assertThat(v.get(3 + 2 * b)).as("total of bucket " + b).isGreaterThanOrEqualTo(served);
            }
        }
    }

    @Test
    void groupStatsCountEachBucket() {
        connect(30);
        String stats = ok(lab.ofctl(LISTEN, "dump-group-stats"));
        assertThat(stats).containsPattern("group_id=1,.*packet_count=[1-9]")
                .containsPattern("bucket0:packet_count=[1-9]");
    }
}
