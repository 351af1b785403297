package io.flowlb.controller.openflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.types.MacAddress;

class PortDescTest {

    private static PortDesc port(int no, String name, long mac) {
        return new PortDesc(PortNo.of(no), name, MacAddress.of(mac), true, true, false, 10_000_000);
    }

    @Test
    void aVethPortIsANetworkPort() {
        assertThat(port(1, "s1-eth1", 0x02_00_00_00_00_01L).isNetworkPort()).isTrue();
    }

    @Test
    void flowSwitchApplicationPortsAreNotNetworkPorts() {
        // flow-switch lists app-arp/app-icmp/app-rst at 0xfe01.. with no hardware address.
        assertThat(port(0xfe01, "app-arp", 0).isNetworkPort()).isFalse();
    }

    @Test
    void reservedPortsAreNotNetworkPorts() {
        assertThat(port(0xfffffffe, "LOCAL", 0x02_00_00_00_00_09L).isNetworkPort()).isFalse();
    }
}
