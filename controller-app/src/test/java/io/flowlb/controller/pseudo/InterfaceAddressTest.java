package io.flowlb.controller.pseudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import org.junit.jupiter.api.Test;

class InterfaceAddressTest {

    @Test
    void parsesAnIpv4AddressWithItsPrefixAndDerivesTheNetmask() {
        InterfaceAddress a = InterfaceAddress.parse("10.0.0.254/24");

        assertThat(a.address()).isEqualTo(IpAddress.parse("10.0.0.254"));
        assertThat(a.prefixLength()).isEqualTo(24);
        assertThat(a.netmask()).isEqualTo(0xffffff00);
        assertThat(a).hasToString("10.0.0.254/24");
    }

    @Test
    void anAddressWithoutPrefixIsAHostRouteAsWithIpAddrAdd() {
        assertThat(InterfaceAddress.parse("192.168.1.1").prefixLength()).isEqualTo(32);
        assertThat(InterfaceAddress.parse("fd00::fe").prefixLength()).isEqualTo(128);
        assertThat(InterfaceAddress.parse("fd00::fe/64")).hasToString("fd00::fe/64");
    }

    @Test
    void rejectsTextThatIsNotAnAddressOrAPrefix() {
        assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0/24")).hasMessageContaining("'10.0.0/24'");
        assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0.1/")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0.1/x4")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0.1/33")).hasMessageContaining("/33");
        assertThatThrownBy(() -> InterfaceAddress.parse("fd00::1/129")).hasMessageContaining("/129");
    }

    @Test
    void rejectsAddressesNoInterfaceShouldHold() {
        assertThatThrownBy(() -> InterfaceAddress.parse("224.0.0.1/24")).hasMessageContaining("unicast");
        assertThatThrownBy(() -> InterfaceAddress.parse("0.0.0.0/0")).hasMessageContaining("unicast");
        assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0.0/24")).hasMessageContaining("network or broadcast");
        assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0.255/24")).hasMessageContaining("network or broadcast");
        assertThat(InterfaceAddress.parse("10.0.0.1/31").prefixLength()).isEqualTo(31);
    }

    @Test
    void tapSettingsRejectNamesTheKernelWouldRefuseOrRename() {
        MacAddress mac = MacAddress.parse("02:fb:0a:00:00:fe");
        for (String bad : new String[] {"", "sixteen-chars-xx", "fl ow", "flowlb%d", "a/b", "eth0:1", "..", "."}) {
            assertThatThrownBy(() -> new TapSettings(bad, mac, 1500, null, null))
                    .as("'%s'", bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new TapSettings("flowlb0", mac, 1500, null, null).name()).isEqualTo("flowlb0");
        assertThat(new TapSettings("fifteen-chars-x", mac, 1500, null, null).name()).hasSize(15);
    }

    @Test
    void tapSettingsRejectAMulticastMacAnMtuOutOfRangeAndMixedFamilies() {
        MacAddress mac = MacAddress.parse("02:fb:0a:00:00:fe");
        InterfaceAddress v4 = InterfaceAddress.parse("10.0.0.254/24");
        InterfaceAddress v6 = InterfaceAddress.parse("fd00::fe/64");
        assertThatThrownBy(() -> new TapSettings("t0", MacAddress.parse("01:00:5e:00:00:01"), 1500, v4, null))
                .hasMessageContaining("unicast");
        assertThatThrownBy(() -> new TapSettings("t0", mac, 100, v4, null)).hasMessageContaining("MTU");
        assertThatThrownBy(() -> new TapSettings("t0", mac, 1500, v6, null)).hasMessageContaining("not an IPv4");
        assertThatThrownBy(() -> new TapSettings("t0", mac, 1500, v4, v4)).hasMessageContaining("not an IPv6");
    }
}
