package io.flowlb.flowswitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Open vSwitch's command-line client against flow-switch's passive listener: flows and groups
 * added, dumped with their counters, deleted, errors reported; and a fuzzing client on the same
 * port that leaves the switch forwarding and answering. No controller, fail mode secure, so
 * only the flows the test installs forward anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OvsOfctlIT {
    private static final int LISTEN = 6634;
    private SwitchLab lab;

    @BeforeAll
    void start() throws Exception {
        lab = new SwitchLab("oc", 2, 2);
        lab.startSwitch("--listen", "ptcp:" + LISTEN, "--fail-mode", "secure");
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void clean() {
        ok(lab.ofctl(LISTEN, "del-flows"));
        lab.ofctl(LISTEN, "del-groups");
    }

    private static String ok(SwitchLab.Result r) {
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output();
    }

    private boolean pings() {
        return lab.tryIn(1, 10, "ping", "-c", "1", "-W", "1", lab.ip(2)).ok();
    }

    private static long counter(String dump, String key, String flowText) {
        for (String line : dump.split("\n")) {
            if (line.contains(flowText)) {
                Matcher m = Pattern.compile(key + "=(\\d+)").matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        throw new AssertionError("no line with '" + flowText + "' and " + key + " in:\n" + dump);
    }

    private void patchPorts() {
        ok(lab.ofctl(LISTEN, "add-flow", "priority=10,in_port=1,actions=output:2"));
        ok(lab.ofctl(LISTEN, "add-flow", "priority=10,in_port=2,actions=output:1"));
    }

    @Test
    void addedFlowsForwardAndTheirCountersMove() {
        assertThat(pings()).as("no flows, fail mode secure: nothing forwards").isFalse();
        patchPorts();
        assertThat(SwitchLab.eventually(5_000, this::pings)).isTrue();
        lab.tryIn(1, 10, "ping", "-c", "4", "-i", "0.2", lab.ip(2));
        String flows = ok(lab.ofctl(LISTEN, "dump-flows"));
        assertThat(counter(flows, "n_packets", "in_port=1 actions=output:2")).isGreaterThanOrEqualTo(5);
        assertThat(counter(flows, "n_bytes", "in_port=2 actions=output:1")).isGreaterThan(400);
        String ports = ok(lab.ofctl(LISTEN, "dump-ports"));
        assertThat(ports).containsPattern("port  1: rx pkts=[1-9]").containsPattern("port  2: rx pkts=[1-9]");
    }

    @Test
    void deletedFlowsStopForwarding() {
        patchPorts();
        assertThat(SwitchLab.eventually(5_000, this::pings)).isTrue();
        ok(lab.ofctl(LISTEN, "del-flows", "in_port=2"));
        String flows = ok(lab.ofctl(LISTEN, "dump-flows"));
        assertThat(flows).contains("in_port=1").doesNotContain("in_port=2");
        assertThat(pings()).isFalse();
    }

    @Test
    void cookiesSelectWhatIsDeleted() {
        ok(lab.ofctl(LISTEN, "add-flow", "cookie=0x10,priority=10,in_port=1,actions=output:2"));
        ok(lab.ofctl(LISTEN, "add-flow", "cookie=0x20,priority=10,in_port=2,actions=output:1"));
        ok(lab.ofctl(LISTEN, "del-flows", "cookie=0x10/-1"));
        String flows = ok(lab.ofctl(LISTEN, "dump-flows"));
        assertThat(flows).contains("cookie=0x20").doesNotContain("cookie=0x10");
    }

    @Test
    void groupsAreInstalledDumpedAndCounted() {
        ok(lab.ofctl(LISTEN, "add-group", "group_id=7,type=all,bucket=output:2"));
        ok(lab.ofctl(LISTEN, "add-flow", "priority=10,in_port=1,actions=group:7"));
        ok(lab.ofctl(LISTEN, "add-flow", "priority=10,in_port=2,actions=output:1"));
        assertThat(SwitchLab.eventually(5_000, this::pings)).isTrue();
        assertThat(ok(lab.ofctl(LISTEN, "dump-groups"))).contains("group_id=7,type=all,bucket=actions=output:2");
        String stats = ok(lab.ofctl(LISTEN, "dump-group-stats"));
        assertThat(stats).containsPattern("group_id=7,.*packet_count=[1-9]");
    }

    @Test
    void refusalsComeBackAsOpenFlowErrors() {
        ok(lab.ofctl(LISTEN, "add-group", "group_id=8,type=all,bucket=output:2"));
        SwitchLab.Result again = lab.ofctl(LISTEN, "add-group", "group_id=8,type=all,bucket=output:1");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("OFPGMFC_GROUP_EXISTS");
        SwitchLab.Result missing = lab.ofctl(LISTEN, "add-flow", "in_port=1,actions=group:99");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("OFPBAC_BAD_OUT_GROUP");
    }

    @Test
    void showsFeaturesAndPortsLikeAnyOpenFlowSwitch() {
        String show = ok(lab.ofctl(LISTEN, "show"));
        assertThat(show).contains("n_tables:8, n_buffers:0").contains("1(" + lab.port(1) + ")")
                .contains("2(" + lab.port(2) + ")");
    }

    @Test
    void garbageOnTheListenerLeavesTheSwitchForwardingAndAnswering() throws Exception {
        patchPorts();
        assertThat(SwitchLab.eventually(5_000, this::pings)).isTrue();
        Random rnd = new Random(7);
        for (int round = 0; round < 50; round++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), LISTEN)) {
                OutputStream out = s.getOutputStream();
                byte[] junk = new byte[8 + rnd.nextInt(300)];
                rnd.nextBytes(junk);
                if (round % 2 == 0) {
                    // A plausible header (version 1.3, some type, its own length) over a random body.
                    junk[0] = 4;
                    junk[2] = (byte) (junk.length >> 8);
                    junk[3] = (byte) junk.length;
                }
                out.write(junk);
                out.flush();
            }
        }
        assertThat(pings()).isTrue();
        assertThat(ok(lab.ofctl(LISTEN, "dump-flows"))).contains("in_port=1 actions=output:2");
    }
}
