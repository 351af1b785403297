package io.flowlb.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lab.Lab;
import io.flowlb.controller.openflow.Dpid;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * The controller drives real Open vSwitch bridges (userspace datapath) with hosts in network
 * namespaces: hosts ping each other through one bridge, through two bridges linked by a cable
 * the controller discovers, and through an OpenFlow 1.0 bridge.
 */
class OvsForwardingIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private Controller controller;
    private Lab lab;
    private int port;

    @BeforeEach
    void start() {
        Lab.requireSandbox();
        controller = Lab.controllerOnAnyPort();
        port = controller.openflowPorts().get(0);
        lab = new Lab();
    }

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    private boolean connected(long dpid) {
        return Lab.await(WAIT, () -> controller.switchService().isConnected(Dpid.of(dpid)));
    }

    @Test
    void hostsOnAnOpenFlow13BridgePingEachOtherThroughInstalledFlows() {
        lab.bridge("br1", 1, "OpenFlow13,OpenFlow10", port);
        lab.host("h1", "10.0.1.1/24", "br1", 1);
        lab.host("h2", "10.0.1.2/24", "br1", 2);
        lab.host("h3", "10.0.1.3/24", "br1", 3);
        assertThat(connected(1)).isTrue();
        assertThat(controller.switchService().getSwitch(Dpid.of(1)).version()).isEqualTo(OFVersion.OF_13);

        String[][] pairs = {{"h1", "10.0.1.2"}, {"h1", "10.0.1.3"}, {"h2", "10.0.1.3"}, {"h3", "10.0.1.1"}};
        for (String[] p : pairs) {
            assertThat(lab.ping(p[0], p[1], WAIT)).as("%s pings %s", p[0], p[1]).isTrue();
        }

        String flows = lab.dumpFlows("br1", "OpenFlow13");
        assertThat(flows).contains("priority=1000").contains("idle_timeout=30").contains("dl_dst=")
                .contains("priority=0 actions=CONTROLLER:65535").contains("dl_type=0x88cc");
        assertThat(controller.hostService().hosts()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void hostsOnTwoLinkedBridgesReachEachOtherOverTheDiscoveredLink() {
        lab.bridge("br1", 1, "OpenFlow13", port);
        lab.bridge("br2", 2, "OpenFlow13", port);
        lab.cable("br1", 9, "br2", 9);
        lab.host("h1", "10.0.2.1/24", "br1", 1);
        lab.host("h2", "10.0.2.2/24", "br2", 1);
        assertThat(connected(1) && connected(2)).isTrue();

        assertThat(Lab.await(WAIT, () -> controller.topologyService().topology().links().size() == 2))
                .as("LLDP finds the cable both ways").isTrue();
        assertThat(lab.ping("h1", "10.0.2.2", WAIT)).isTrue();
        assertThat(lab.ping("h2", "10.0.2.1", WAIT)).isTrue();
        assertThat(lab.dumpFlows("br1", "OpenFlow13")).contains("actions=output:9");
        assertThat(lab.dumpFlows("br2", "OpenFlow13")).contains("in_port=9");
    }

    @Test
    void openFlow10BridgeStillForwardsL2() {
        lab.bridge("br3", 3, "OpenFlow10", port);
        lab.host("h1", "10.0.3.1/24", "br3", 1);
        lab.host("h2", "10.0.3.2/24", "br3", 2);
        assertThat(connected(3)).isTrue();
        assertThat(controller.switchService().getSwitch(Dpid.of(3)).version()).isEqualTo(OFVersion.OF_10);

        assertThat(lab.ping("h1", "10.0.3.2", WAIT)).isTrue();
        assertThat(lab.ping("h2", "10.0.3.1", WAIT)).isTrue();
        assertThat(lab.dumpFlows("br3", "OpenFlow10")).contains("idle_timeout=30").contains("dl_dst=");
    }
}
