package io.flowlb.flowswitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * flow-switch driven by a third-party controller: ovs-testcontroller (Open vSwitch's learning
 * switch) on 127.0.0.1:6653, two hosts that ping and exchange TCP through the switch. The hosts
 * keep their default offloads (partial checksums, TSO): the switch copes with them itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestControllerIT {
    private SwitchLab lab;

    @BeforeAll
    void start() throws Exception {
        lab = new SwitchLab("tc", 1, 2);
        lab.spawnHere("ovs-testcontroller", "ptcp:6653:127.0.0.1");
        lab.startSwitch("--controller", "tcp:127.0.0.1:6653", "--fail-mode", "secure", "--listen", "ptcp:6634");
        assertThat(SwitchLab.eventually(15_000, () -> lab.tryIn(1, 5, "ping", "-c", "1", "-W", "1", lab.ip(2)).ok()))
                .as("h1 reaches h2 once the controller has connected").isTrue();
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void hostsPingEachOtherThroughTheSwitch() {
        SwitchLab.Result ping = lab.tryIn(2, 20, "ping", "-c", "5", "-i", "0.2", "-W", "2", lab.ip(1));
        assertThat(ping.exitCode()).as(ping.output()).isZero();
        assertThat(ping.output()).contains("5 received").doesNotContain("DUP!");
    }

    @Test
    void hostsExchangeAMegabyteOverTcpIntact() {
        lab.spawn(2, LabScripts.PYTHON, "-c", LabScripts.DIGEST_SERVER, "5001");
        SwitchLab.Result r = lab.tryIn(1, 60, LabScripts.PYTHON, "-c", LabScripts.DIGEST_CLIENT, lab.ip(2), "5001",
                Integer.toString(1 << 20));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void theControllersFlowsAreVisibleToOvsOfctlWithMovingCounters() {
        lab.tryIn(1, 10, "ping", "-c", "3", "-i", "0.2", lab.ip(2));
        SwitchLab.Result flows = lab.ofctl(6634, "dump-flows");
        assertThat(flows.exitCode()).as(flows.output()).isZero();
        assertThat(flows.output()).contains("priority=0 actions=CONTROLLER");
        assertThat(flows.output()).containsPattern("n_packets=[1-9][0-9]*, .*icmp.*actions=output:2");
    }
}
