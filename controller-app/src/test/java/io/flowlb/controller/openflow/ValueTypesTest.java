package io.flowlb.controller.openflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.types.OFPort;

class ValueTypesTest {

    @Test
    void dpidPrintsAsColonHexAndParsesEveryCommonForm() {
        Dpid d = Dpid.of(0x00_00_00_00_00_00_0a_01L);

        assertThat(d).hasToString("00:00:00:00:00:00:0a:01");
        assertThat(Dpid.parse("00:00:00:00:00:00:0a:01")).isEqualTo(d);
        assertThat(Dpid.parse("0000000000000a01")).isEqualTo(d);
        assertThat(Dpid.parse("0xa01")).isEqualTo(d);
        assertThat(Dpid.of(-1L)).hasToString("ff:ff:ff:ff:ff:ff:ff:ff");
        assertThat(Dpid.of(-1L).compareTo(Dpid.of(1))).isPositive();
        assertThatThrownBy(() -> Dpid.parse("switch1")).hasMessageContaining("not a datapath id");
        assertThatThrownBy(() -> Dpid.parse("00:00:00:00:00:00:00:00:01")).hasMessageContaining("not a datapath id");
    }

    @Test
    void portNumbersKnowReservedPorts() {
        assertThat(PortNo.of(3).isPhysical()).isTrue();
        assertThat(PortNo.LOCAL.isPhysical()).isFalse();
        assertThat(PortNo.CONTROLLER).hasToString("CONTROLLER");
        assertThat(PortNo.of(OFPort.FLOOD)).isEqualTo(PortNo.FLOOD);
        assertThat(PortNo.of(0xfffffffe - 1).toOfPort().getPortNumber()).isEqualTo(0xfffffffd);
        assertThat(PortNo.of(0xffffff00)).hasToString("4294967040");
        assertThat(PortNo.of(0xffffff00).compareTo(PortNo.of(1))).isPositive();
    }

    @Test
    void cookiesCarryTheApplication() {
        assertThat(AppCookie.appOf(AppCookie.of(AppCookie.L2_FORWARDING, 0x0200_0000_0001L)))
                .isEqualTo(AppCookie.L2_FORWARDING);
        assertThat(AppCookie.of(AppCookie.LOAD_BALANCER, -1L).getValue() & AppCookie.APP_MASK)
                .isEqualTo(AppCookie.app(AppCookie.LOAD_BALANCER).getValue());
    }
}
